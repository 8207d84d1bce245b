using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using MeshGovernance.Model.Loading;

namespace MeshGovernance.Policies.Isolation;

/// <summary>
/// One running worker: its pipes, a thread that turns what it writes into <see cref="WorkerEvent"/>s, and the
/// last part of its standard error, which says how it died (the runtime writes "Stack overflow." there).
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    /// <summary>The runtime says why it died at the start of what it writes, and a stack trace may follow: the head and the tail are kept.</summary>
    private const int KeptErrorChars = 4 * 1024;

    private readonly Process _process;
    private readonly BinaryWriter _input;
    private readonly BlockingCollection<WorkerEvent> _events = [];
    private readonly StringBuilder _errorHead = new();
    private readonly StringBuilder _error = new();
    private readonly Thread _reader;
    private readonly Thread _errorReader;

    private WorkerProcess(Process process)
    {
        _process = process;
        _input = new BinaryWriter(new BufferedStream(process.StandardInput.BaseStream, 1 << 16), LoadedFilesFormat.Encoding);
        // Both pipes are read with blocking reads on threads of their own: an asynchronous read of a pipe starts the
        // runtime's socket engine (its epoll thread and about 50 methods to compile), CPU a short check cannot spare.
        _reader = new Thread(ReadEvents) { IsBackground = true, Name = "meshgov worker reader" };
        _reader.Start();
        // Taken here: Process.StandardError is null once the process is disposed, which a reader held up past
        // Dispose (by something the worker started that keeps the pipe open) would otherwise meet.
        var errors = process.StandardError;
        _errorReader = new Thread(() => ReadErrors(errors)) { IsBackground = true, Name = "meshgov worker errors" };
        _errorReader.Start();
    }

    public int Id => _process.Id;

    /// <summary>
    /// True once the runtime has said the process is overflowing its stack: it is dying, only slowly (it writes
    /// the whole stack to standard error first), and what ends it is the overflow, not a clock.
    /// </summary>
    public bool Overflowing
    {
        get
        {
            lock (_error)
            {
                return _errorHead.ToString().Contains(StackOverflowMessage, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>What the .NET runtime writes to standard error as a process's stack overflows.</summary>
    public const string StackOverflowMessage = "Stack overflow";

    /// <summary>Starts a worker, or returns null with the reason when the process cannot be started at all.</summary>
    public static WorkerProcess? Start(WorkerLaunch launch, IReadOnlyDictionary<string, string?> parentEnvironment, long heapLimitBytes, bool serverGc, out string? failure)
    {
        var start = new ProcessStartInfo(launch.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in launch.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add(PolicyWorker.Command);
        start.Environment.Clear();
        foreach (var (name, value) in WorkerEnvironment.For(parentEnvironment, heapLimitBytes, serverGc))
        {
            start.Environment[name] = value;
        }

        try
        {
            failure = null;
            return new WorkerProcess(Process.Start(start) ?? throw new InvalidOperationException("no process was started"));
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException or IOException)
        {
            failure = $"'{launch.FileName}' could not be started: {ex.Message}";
            return null;
        }
    }

    /// <summary>Writes one message; false when the worker is gone (its exit is the event that explains it).</summary>
    /// <param name="flush">False to leave the message in the buffer with the next ones (a stream of many small messages), until <see cref="Flush"/>.</param>
    public bool Send(WorkerMessage kind, Action<BinaryWriter> payload, bool flush = true)
    {
        try
        {
            _input.Write((byte)kind);
            payload(_input);
            if (flush)
            {
                _input.Flush();
            }

            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Writes out what <see cref="Send"/> left in the buffer; false when the worker is gone.</summary>
    public bool Flush()
    {
        try
        {
            _input.Flush();
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>The next event, or null when none came within <paramref name="wait"/>.</summary>
    public WorkerEvent? Next(TimeSpan wait) =>
        _events.TryTake(out var next, wait < TimeSpan.Zero ? TimeSpan.Zero : wait > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : wait) ? next : null;

    /// <summary>How the process ended, once it has: its exit code and the end of its standard error.</summary>
    public (int ExitCode, string Error) Ending()
    {
        if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            Kill();
        }

        _process.WaitForExit();
        _errorReader.Join(ErrorDrainWait);
        lock (_error)
        {
            return (_process.ExitCode, _errorHead + "\n" + _error);
        }
    }

    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // Already gone.
        }
    }

    public void Dispose()
    {
        try
        {
            _input.Dispose();
        }
        catch (IOException)
        {
            // The worker is gone; closing its input is all that was asked.
        }

        if (!_process.WaitForExit(TimeSpan.FromSeconds(5)))
        {
            Kill();
        }

        _process.WaitForExit();
        _reader.Join();
        _errorReader.Join(ErrorDrainWait);
        _process.Dispose();
        _events.Dispose();
    }

    /// <summary>
    /// How long an ended worker's standard error is read on: to its end, unless something the worker started still
    /// holds it open (then what was read is what is told).
    /// </summary>
    private static readonly TimeSpan ErrorDrainWait = TimeSpan.FromSeconds(5);

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "An exception on this thread would end meshgov; whatever ends the reading, what was read is kept.")]
    private void ReadErrors(StreamReader errors)
    {
        try
        {
            while (errors.ReadLine() is { } line)
            {
                KeepError(line);
            }
        }
        catch (Exception)
        {
            // The pipe closed or was disposed under the reader: what was read is kept.
        }
    }

    private void KeepError(string line)
    {
        lock (_error)
        {
            line = line.Length > KeptErrorChars ? line[..KeptErrorChars] : line;
            if (_errorHead.Length < KeptErrorChars)
            {
                _errorHead.AppendLine(line);
                return;
            }

            _error.AppendLine(line);
            if (_error.Length > 2 * KeptErrorChars)
            {
                _error.Remove(0, _error.Length - KeptErrorChars);
            }
        }
    }

    private void ReadEvents()
    {
        using var reader = new BinaryReader(new BufferedStream(_process.StandardOutput.BaseStream, 1 << 16), LoadedFilesFormat.Encoding);
        try
        {
            while (reader.BaseStream.ReadByte() is var kind and >= 0)
            {
                _events.Add(WorkerEvent.Read((WorkerMessage)kind, reader));
            }

            _events.Add(WorkerEvent.Exited());
        }
        catch (Exception ex) when (ex is IOException or EndOfStreamException or InvalidDataException or FormatException or ArgumentException)
        {
            // A worker that died mid-message, or wrote what is not the protocol: both end it.
            Kill();
            _events.Add(WorkerEvent.Exited());
        }
    }
}
