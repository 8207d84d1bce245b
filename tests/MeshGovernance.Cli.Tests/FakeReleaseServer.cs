using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MeshGovernance.Cli.Tests;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 and an ephemeral port that serves GET requests for the files of a
/// folder (URL path = path under the folder), 404 for anything else, one request per connection. It records
/// every requested path, as GitHub's release downloads would see them.
/// </summary>
public sealed class FakeReleaseServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _requests = [];
    private readonly string _root;
    private readonly Task _accepting;

    public FakeReleaseServer(string root)
    {
        _root = Path.GetFullPath(root);
        _listener.Start();
        BaseUrl = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _accepting = AcceptAsync();
    }

    /// <summary><c>http://127.0.0.1:PORT</c>, without a trailing slash.</summary>
    public string BaseUrl { get; }

    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public void ClearRequests()
    {
        lock (_requests)
        {
            _requests.Clear();
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            _accepting.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The accept loop ends with the listener; how it ends does not matter.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            var stream = client.GetStream();
            var head = await ReadHeadAsync(stream, timeout.Token);
            var requestLine = head.Split("\r\n", 2)[0].Split(' ');
            if (requestLine.Length != 3 || requestLine[0] is not ("GET" or "HEAD"))
            {
                await RespondAsync(stream, 405, "Method Not Allowed", [], false, timeout.Token);
                return;
            }

            var path = Uri.UnescapeDataString(requestLine[1].Split('?', 2)[0]);
            lock (_requests)
            {
                _requests.Add(path);
            }

            var file = Path.GetFullPath(Path.Combine(_root, path.TrimStart('/')));
            if (!file.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(file))
            {
                await RespondAsync(stream, 404, "Not Found", Encoding.UTF8.GetBytes("Not Found\n"), requestLine[0] == "GET", timeout.Token);
                return;
            }

            await RespondAsync(stream, 200, "OK", await File.ReadAllBytesAsync(file, timeout.Token), requestLine[0] == "GET", timeout.Token);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
        {
            // The client went away or took too long: nothing to answer.
        }
    }

    private static async Task<string> ReadHeadAsync(NetworkStream stream, CancellationToken cancellation)
    {
        var head = new StringBuilder();
        var buffer = new byte[1];
        while (head.Length < 16 * 1024)
        {
            if (await stream.ReadAsync(buffer, cancellation) == 0)
            {
                break;
            }

            head.Append((char)buffer[0]);
            if (head.Length >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n')
            {
                break;
            }
        }

        return head.ToString();
    }

    private static async Task RespondAsync(NetworkStream stream, int status, string reason, byte[] body, bool withBody, CancellationToken cancellation)
    {
        var head = $"HTTP/1.1 {status} {reason}\r\nContent-Type: application/octet-stream\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), cancellation);
        if (withBody)
        {
            await stream.WriteAsync(body, cancellation);
        }

        await stream.FlushAsync(cancellation);
    }
}
