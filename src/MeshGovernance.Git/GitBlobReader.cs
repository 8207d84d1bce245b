using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace MeshGovernance.Git;

/// <summary>
/// Reads many blobs through one <c>git cat-file --batch</c> process. Each read streams the blob into a destination
/// through a fixed 64 KiB buffer, so memory stays bounded whatever the blob size. A blob over the caller's limit is
/// reported as <see cref="BlobReadStatus.TooLarge"/> and nothing is written (never a truncated prefix); a missing object
/// is <see cref="BlobReadStatus.Missing"/>. Not thread-safe: one read at a time.
/// </summary>
public sealed class GitBlobReader : IDisposable
{
    private const int BufferSize = 64 * 1024;
    private const int MaxHeaderBytes = 512;
    private const int MaxErrorChars = 4000;

    private readonly GitRepository _repository;
    private readonly Process _process;
    private readonly Stream _requests;
    private readonly Stream _responses;
    private readonly Task _errorDrain;
    private readonly StringBuilder _error = new();
    private readonly byte[] _buffer = new byte[BufferSize];
    private int _bufferStart;
    private int _bufferEnd;
    private volatile bool _timedOut;
    private bool _broken;
    private bool _destinationFailed;
    private bool _disposed;

    public GitBlobReader(GitRepository repository)
    {
        _repository = repository;
        _process = GitProcess.Start(repository.Options, repository.Root, ["cat-file", "--batch"]);
        _requests = _process.StandardInput.BaseStream;
        _responses = _process.StandardOutput.BaseStream;
        _errorDrain = DrainErrorsAsync(_process.StandardError);
    }

    /// <summary>
    /// Writes the blob <paramref name="objectId"/> (a full hexadecimal object id) to <paramref name="destination"/> when it is
    /// at most <paramref name="maxBytes"/> long. Throws <see cref="GitException"/> when the object is not a blob, or when
    /// git stops answering (the reader is then unusable).
    /// </summary>
    public BlobReadResult Read(string objectId, Stream destination, long maxBytes)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        if (!GitRepository.ObjectIdPattern().IsMatch(objectId))
        {
            throw new ArgumentException($"'{objectId}' is not a full object id.", nameof(objectId));
        }

        if (_broken)
        {
            throw new GitException("The blob reader stopped after an earlier failure; open a new one.");
        }

        using var deadline = new CancellationTokenSource(_repository.Options.CommandTimeout);
        using var onTimeout = deadline.Token.Register(() =>
        {
            _timedOut = true;
            GitProcess.KillTree(_process);
        });
        try
        {
            return Exchange(objectId, destination, maxBytes);
        }
        catch (GitException) when (!_broken)
        {
            // Not a blob: its answer was read to the end, so the reader is still in step with git.
            throw;
        }
        catch (Exception exception)
        {
            // Whatever failed mid-answer (git, the pipe, the destination), the rest of that answer is still in the pipe.
            _broken = true;
            GitProcess.KillTree(_process);
            if (_timedOut)
            {
                throw new GitException(
                    $"Reading object {objectId} with 'git cat-file --batch' did not finish within {_repository.Options.CommandTimeout.TotalSeconds:0} seconds and was stopped.",
                    exception);
            }

            if (exception is IOException && !_destinationFailed)
            {
                throw GitStopped(objectId, exception);
            }

            throw;
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            _requests.Dispose();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                GitProcess.KillTree(_process);
            }
        }
        catch (IOException)
        {
            GitProcess.KillTree(_process);
        }

        _process.Dispose();
    }

    private BlobReadResult Exchange(string objectId, Stream destination, long maxBytes)
    {
        _requests.Write(Encoding.ASCII.GetBytes(objectId + "\n"));
        _requests.Flush();

        var header = ReadHeader();
        if (header == objectId + " missing")
        {
            return new BlobReadResult(BlobReadStatus.Missing, 0);
        }

        var parts = header.Split(' ');
        if (parts.Length != 3 || parts[0] != objectId || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            throw Protocol($"an unexpected answer '{header}' for object {objectId}");
        }

        if (parts[1] != "blob")
        {
            Skip(size + 1);
            throw new GitException($"Object {objectId} is a {parts[1]}, not a blob.");
        }

        if (size > maxBytes)
        {
            Skip(size + 1);
            return new BlobReadResult(BlobReadStatus.TooLarge, size);
        }

        Copy(size, destination);
        if (NextByte() != '\n')
        {
            throw Protocol($"no line end after the content of object {objectId}");
        }

        return new BlobReadResult(BlobReadStatus.Read, size);
    }

    private string ReadHeader()
    {
        var line = new List<byte>(100);
        while (true)
        {
            var next = NextByte();
            if (next == '\n')
            {
                return Encoding.ASCII.GetString([.. line]);
            }

            if (line.Count == MaxHeaderBytes)
            {
                throw Protocol("an answer header longer than expected");
            }

            line.Add(next);
        }
    }

    private byte NextByte()
    {
        Fill();
        return _buffer[_bufferStart++];
    }

    private void Copy(long count, Stream destination)
    {
        while (count > 0)
        {
            Fill();
            var chunk = (int)Math.Min(count, _bufferEnd - _bufferStart);
            try
            {
                destination.Write(_buffer, _bufferStart, chunk);
            }
            catch
            {
                _destinationFailed = true;
                throw;
            }

            _bufferStart += chunk;
            count -= chunk;
        }
    }

    private void Skip(long count)
    {
        while (count > 0)
        {
            Fill();
            var chunk = (int)Math.Min(count, _bufferEnd - _bufferStart);
            _bufferStart += chunk;
            count -= chunk;
        }
    }

    /// <summary>Makes sure at least one unread byte is buffered, reading from git when the buffer is used up.</summary>
    private void Fill()
    {
        if (_bufferStart < _bufferEnd)
        {
            return;
        }

        _bufferStart = 0;
        _bufferEnd = _responses.Read(_buffer, 0, _buffer.Length);
        if (_bufferEnd == 0)
        {
            throw new IOException("git cat-file closed its output.");
        }
    }

    private GitException Protocol(string what)
    {
        _broken = true;
        return new GitException($"'git cat-file --batch' sent {what}; the reader was stopped.");
    }

    private GitException GitStopped(string objectId, Exception exception)
    {
        _errorDrain.Wait(TimeSpan.FromSeconds(2));
        string error;
        lock (_error)
        {
            error = _error.ToString().Trim();
        }

        return new GitException(
            $"'git cat-file --batch' stopped while reading object {objectId}: {(error.Length > 0 ? error : exception.Message)}", exception);
    }

    private async Task DrainErrorsAsync(StreamReader errors)
    {
        var chunk = new char[1024];
        int read;
        while ((read = await errors.ReadAsync(chunk).ConfigureAwait(false)) > 0)
        {
            lock (_error)
            {
                _error.Append(chunk, 0, Math.Min(read, Math.Max(0, MaxErrorChars - _error.Length)));
            }
        }
    }
}
