using System.Collections.Concurrent;
using MeshGovernance.Model.Loading;

namespace MeshGovernance.Policies.Isolation;

/// <summary>
/// The files of the mesh a check is reading, handed to its worker one by one as they are read, so that the worker
/// decodes their trees while meshgov still reads the others, instead of after (at 1,000 + 1,000 decoding took the
/// worker 0.25 s, all of it on the check's path). The readers only queue a file with its tree's bytes (the file
/// cache's, or made on the reader's thread when there is no cache); a thread of its own writes the queue to the
/// worker, so a reader never waits on a worker that is still starting. The setup then says how many files were
/// streamed, if the worker holds exactly the files the check loaded (<see cref="Holds"/>); otherwise, or for a
/// worker started later, the setup carries every file as before. The stream is only a head start: nothing that
/// fails in it fails the check.
/// </summary>
internal sealed class WorkerSetupStream
{
    private readonly WorkerProcess _worker;
    private readonly BlockingCollection<QueuedFile> _queue = [];
    private readonly Dictionary<int, LoadedFile> _sent = [];
    private readonly Thread _sender;
    private readonly Action _first;
    private volatile bool _failed;

    /// <param name="first">Sent before the files, on the stream's thread (the policy scripts handed ahead).</param>
    public WorkerSetupStream(WorkerProcess worker, Action first)
    {
        _worker = worker;
        _first = first;
        _sender = new Thread(Send) { IsBackground = true, Name = "meshgov worker setup" };
        _sender.Start();
    }

    /// <summary>Queues one file read (called on the loader's threads; never throws).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "A file that cannot be streamed is carried by the setup, which reports what fails; the loader must go on.")]
    public void Add(int index, LoadedFile file)
    {
        if (_failed || _queue.IsAddingCompleted)
        {
            return;
        }

        try
        {
            _queue.Add(new QueuedFile(index, file, LoadedFilesFormat.Payload(file)));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _failed = true;
        }
    }

    /// <summary>Ends the stream and waits until every file queued is written (or the worker is gone).</summary>
    public void Complete()
    {
        _queue.CompleteAdding();
        _sender.Join();
    }

    /// <summary>
    /// Ends the stream without the files still queued: the sender stops after the message it is writing. Returns once it
    /// has, or after <paramref name="wait"/> (a worker that stopped reading holds it up until it is ended).
    /// </summary>
    public bool Abandon(TimeSpan wait)
    {
        _failed = true;
        _queue.CompleteAdding();
        return _sender.Join(wait);
    }

    /// <summary>
    /// Whether <paramref name="worker"/> received exactly <paramref name="files"/>, each at its place: then the setup
    /// need not carry them. Call after <see cref="Complete"/>.
    /// </summary>
    public bool Holds(WorkerProcess? worker, IReadOnlyList<LoadedFile> files)
    {
        if (_failed || !ReferenceEquals(worker, _worker) || _sent.Count != files.Count)
        {
            return false;
        }

        for (var i = 0; i < files.Count; i++)
        {
            if (!_sent.TryGetValue(i, out var sent) || !ReferenceEquals(sent, files[i]))
            {
                return false;
            }
        }

        return true;
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "The stream is a head start on its own thread: what fails ends the stream, and the setup carries every file.")]
    private void Send()
    {
        try
        {
            _first();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Only a head start is lost: each run reads its policy itself.
        }

        foreach (var (index, file, payload) in _queue.GetConsumingEnumerable())
        {
            if (_failed || !_sent.TryAdd(index, file))
            {
                _failed = true;
                continue;
            }

            try
            {
                var sent = _worker.Send(WorkerMessage.SetupFile, w =>
                {
                    w.Write7BitEncodedInt(index);
                    LoadedFilesFormat.WriteFile(w, file, payload);
                }, flush: false);

                // Written out whenever the readers fall behind, so the worker never waits on a full buffer.
                if (!sent || (_queue.Count == 0 && !_worker.Flush()))
                {
                    _failed = true;
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _failed = true;
            }
        }

        try
        {
            if (!_failed && !_worker.Flush())
            {
                _failed = true;
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _failed = true;
        }
    }

    /// <summary>
    /// A class, not a tuple: the runtime's precompiled code serves a collection of references, while one of a struct
    /// made of our types is compiled at run time (about 25 methods, on every check that streams).
    /// </summary>
    private sealed record QueuedFile(int Index, LoadedFile File, ReadOnlyMemory<byte> Payload);
}
