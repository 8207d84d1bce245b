using System.Net;
using System.Net.Sockets;

namespace MeshGovernance.Site.Tests;

/// <summary>
/// A site folder served over HTTP on 127.0.0.1 under a path, as GitHub Pages serves a project site: files as
/// they are, a folder's index.html, and 404.html with status 404 for anything missing, at any depth.
/// </summary>
internal sealed class LoopbackSiteServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _folder;
    private readonly string _path;

    private LoopbackSiteServer(string folder, int port, string path)
    {
        _folder = Path.GetFullPath(folder);
        _path = path;
        BaseUrl = $"http://127.0.0.1:{port}{path}";
        _listener.Prefixes.Add(BaseUrl);
    }

    /// <summary>The site's address, ending in '/': pass it as --base-url when building the site.</summary>
    public string BaseUrl { get; }

    /// <summary>Reserves a free port for a site to be served under <paramref name="path"/> (such as "/mesh/"); <see cref="Start"/> serves it.</summary>
    public static LoopbackSiteServer For(string folder, string path)
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new LoopbackSiteServer(folder, port, path);
    }

    public void Start()
    {
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                await RespondAsync(context);
            }
            catch (Exception ex) when (ex is HttpListenerException or IOException)
            {
                // The browser went away mid-answer: the next request is served as usual.
            }
        }
    }

    private async Task RespondAsync(HttpListenerContext context)
    {
        using var response = context.Response;
        var path = context.Request.Url!.AbsolutePath;
        var relative = path.StartsWith(_path, StringComparison.Ordinal) ? Uri.UnescapeDataString(path[_path.Length..]) : null;
        var file = relative is null ? null : Path.GetFullPath(Path.Combine(_folder, relative.EndsWith('/') || relative.Length == 0 ? relative + "index.html" : relative));
        if (file is null || !file.StartsWith(_folder + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(file))
        {
            response.StatusCode = 404;
            file = Path.Combine(_folder, "404.html");
        }

        response.ContentType = Path.GetExtension(file) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".css" => "text/css",
            ".js" => "text/javascript",
            ".svg" => "image/svg+xml",
            ".json" => "application/json",
            _ => "application/octet-stream",
        };
        var bytes = await File.ReadAllBytesAsync(file);
        await response.OutputStream.WriteAsync(bytes);
    }

    public void Dispose() => _listener.Close();
}
