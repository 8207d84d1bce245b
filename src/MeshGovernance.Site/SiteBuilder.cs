using System.Text;
using System.Security;
using MeshGovernance.Model.Graph;
using MeshGovernance.Site.Pages;

namespace MeshGovernance.Site;

/// <summary>The outcome of a build: the pages written, or why nothing was replaced.</summary>
public sealed record SiteBuildResult(int Pages, IReadOnlyList<string> BrokenLinks, string? Error)
{
    /// <summary>How long each phase took (pages, search index and catalog.json, link check, swap), for the benchmark.</summary>
    public (TimeSpan Pages, TimeSpan Data, TimeSpan LinkCheck, TimeSpan Swap) Timings { get; init; }

    public bool Succeeded => Error is null && BrokenLinks.Count == 0;
}

/// <summary>
/// Writes the catalog: every page, the search index, <c>catalog.json</c>, the sitemap and the assets, into a
/// temporary folder beside the output, checks every internal link, and only then swaps it in, so a failed build
/// never leaves half a site. An existing output folder is replaced only when a previous build wrote it.
/// </summary>
public static class SiteBuilder
{
    /// <summary>The file that marks a folder as a site meshgov wrote (and may therefore replace).</summary>
    public const string Marker = ".meshgov-site";

    private const int PagesPerRenderer = 250;

    public static async Task<SiteBuildResult> BuildAsync(SiteContext context, string outputFolder, string repositoryRoot, string? baseUrl = null, CancellationToken cancellationToken = default)
    {
        if (CheckOutputFolder(outputFolder, repositoryRoot) is { } problem)
        {
            return new SiteBuildResult(0, [], problem);
        }

        var output = Path.GetFullPath(outputFolder).TrimEnd(Path.DirectorySeparatorChar);
        var repository = Path.GetFullPath(repositoryRoot).TrimEnd(Path.DirectorySeparatorChar);
        var staging = output + ".meshgov-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            Directory.CreateDirectory(staging);
            var basePath = baseUrl is null ? null : new Uri(baseUrl.TrimEnd('/') + "/", UriKind.Absolute).AbsolutePath;
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var references = new System.Collections.Concurrent.ConcurrentBag<PageReference>();
            var pages = await WritePagesAsync(context, staging, repository, basePath, references, cancellationToken);
            var pagesTime = watch.Elapsed;
            WriteAssets(staging);
            await File.WriteAllTextAsync(Path.Combine(staging, "search-index.js"), SearchIndex.Script(context), cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(staging, "catalog.json"), CatalogJson.Write(context), cancellationToken);
            if (baseUrl is not null)
            {
                // A sitemap's locations must be absolute: without the site's address there is no sitemap.
                await File.WriteAllTextAsync(Path.Combine(staging, "sitemap.xml"), Sitemap(pages, baseUrl), cancellationToken);
            }

            await File.WriteAllTextAsync(Path.Combine(staging, ".nojekyll"), string.Empty, cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(staging, Marker), "Written by meshgov site; replaced by the next build.\n", cancellationToken);

            var dataTime = watch.Elapsed - pagesTime;
            var files = Directory.EnumerateFiles(staging, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(staging, f).Replace('\\', '/'))
                .ToHashSet(StringComparer.Ordinal);
            var broken = LinkChecker.Check(references, files, basePath ?? "/");
            var checkTime = watch.Elapsed - pagesTime - dataTime;
            if (broken.Count > 0)
            {
                return new SiteBuildResult(pages.Count, broken, null);
            }

            Swap(staging, output);
            return new SiteBuildResult(pages.Count, [], null) { Timings = (pagesTime, dataTime, checkTime, watch.Elapsed - pagesTime - dataTime - checkTime) };
        }
        finally
        {
            try
            {
                if (Directory.Exists(staging))
                {
                    Directory.Delete(staging, recursive: true);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Leftover staging files must not hide what went wrong (or right) in the build.
            }
        }
    }

    /// <summary>Why the site may not be written to <paramref name="outputFolder"/>, or null when it may.</summary>
    public static string? CheckOutputFolder(string outputFolder, string repositoryRoot)
    {
        var output = Path.GetFullPath(outputFolder).TrimEnd(Path.DirectorySeparatorChar);
        var repository = Path.GetFullPath(repositoryRoot).TrimEnd(Path.DirectorySeparatorChar);
        if ((repository + Path.DirectorySeparatorChar).StartsWith(output + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return $"'{output}' holds the repository itself; choose an output folder such as '{Path.Combine(repository, "_site")}'.";
        }

        if (File.Exists(output))
        {
            return $"'{output}' is a file; name a folder.";
        }

        if (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any() && !File.Exists(Path.Combine(output, Marker)))
        {
            return $"'{output}' is not empty and was not written by 'meshgov site'; choose an empty or new folder.";
        }

        return null;
    }

    private static async Task<List<string>> WritePagesAsync(SiteContext context, string staging, string repository, string? basePath, System.Collections.Concurrent.ConcurrentBag<PageReference> references, CancellationToken cancellationToken)
    {
        var jobs = new List<(string Path, Func<PageRenderer, PageBuffer, string, Task> Render)>
        {
            (SiteUrls.Home, (r, page, root) => r.RenderAsync<HomePage>(new Dictionary<string, object?> { ["Context"] = context }, page)),
            (SiteUrls.Governance, (r, page, root) => r.RenderAsync<GovernancePage>(new Dictionary<string, object?> { ["Context"] = context, ["Root"] = root }, page)),
            // GitHub Pages serves 404.html for a missing address at any depth, so its links are absolute: from the base
            // path of --base-url, or from the domain root without it.
            (SiteUrls.NotFound, (r, page, root) => r.RenderAsync<NotFoundPage>(new Dictionary<string, object?> { ["SiteTitle"] = context.Title, ["Root"] = basePath ?? "/" }, page)),
        };
        jobs.AddRange(context.Mesh.Domains.Select(d => (SiteUrls.Domain(d.Id), (Func<PageRenderer, PageBuffer, string, Task>)((r, page, root) =>
            r.RenderAsync<DomainPage>(new Dictionary<string, object?> { ["Domain"] = d, ["Context"] = context, ["Root"] = root }, page)))));
        jobs.AddRange(context.Mesh.Teams.Select(t => (SiteUrls.Team(t.Id), (Func<PageRenderer, PageBuffer, string, Task>)((r, page, root) =>
            r.RenderAsync<TeamPage>(new Dictionary<string, object?> { ["Team"] = t, ["Context"] = context, ["Root"] = root }, page)))));
        jobs.AddRange(context.Mesh.Products.Select(p => (SiteUrls.Product(p.Id), (Func<PageRenderer, PageBuffer, string, Task>)((r, page, root) =>
            r.RenderAsync<ProductPage>(new Dictionary<string, object?> { ["Product"] = p, ["Context"] = context, ["Root"] = root, ["RawYaml"] = CopySource(p, SiteUrls.Product(p.Id), staging, repository) }, page)))));
        jobs.AddRange(context.Mesh.Contracts.Select(c => (SiteUrls.Contract(c.Id), (Func<PageRenderer, PageBuffer, string, Task>)((r, page, root) =>
            r.RenderAsync<ContractPage>(new Dictionary<string, object?> { ["Contract"] = c, ["Context"] = context, ["Root"] = root, ["RawYaml"] = CopySource(c, SiteUrls.Contract(c.Id), staging, repository) }, page)))));

        // Two subjects with one id (the validator reports them) would write one file twice: the first wins. Case is
        // ignored, as on the file systems of macOS and Windows.
        jobs = jobs.DistinctBy(j => j.Path, StringComparer.OrdinalIgnoreCase).ToList();

        // One renderer per worker: a renderer's dispatcher runs one render at a time, and it keeps every component
        // it rendered, so each worker starts a fresh one every few hundred pages.
        var workers = Math.Max(1, Environment.ProcessorCount);
        await Parallel.ForEachAsync(Partition(jobs, workers), cancellationToken, async (chunk, token) =>
        {
            using var page = new PageBuffer();
            for (var start = 0; start < chunk.Count; start += PagesPerRenderer)
            {
                await using var renderer = new PageRenderer();
                foreach (var (path, render) in chunk.Skip(start).Take(PagesPerRenderer))
                {
                    token.ThrowIfCancellationRequested();
                    await render(renderer, page, SiteUrls.RootFrom(path));
                    foreach (var reference in LinkChecker.References(path, page.Text))
                    {
                        references.Add(reference);
                    }

                    var file = Path.Combine(staging, path);
                    Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                    page.WriteTo(file);
                }
            }
        });
        return jobs.Select(j => j.Path).ToList();
    }

    private static IEnumerable<List<T>> Partition<T>(List<T> items, int parts)
    {
        var size = (items.Count + parts - 1) / parts;
        for (var i = 0; i < items.Count; i += size)
        {
            yield return items.GetRange(i, Math.Min(size, items.Count - i));
        }
    }

    /// <summary>
    /// Reads the product's or contract's YAML once: copies it byte for byte beside its page for download
    /// (<see cref="SiteContext.SourceFileName"/>) and returns its text for the page's raw view; null when it cannot be
    /// read, and then the page links no copy. Called as the page renders, so of two subjects with one id the copy is
    /// the one whose page was written.
    /// </summary>
    private static string? CopySource(DomainAsset asset, string pagePath, string staging, string repository)
    {
        byte[] bytes;
        try
        {
            var path = Path.GetFullPath(Path.Combine(repository, asset.File));
            if (!path.StartsWith(repository + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                return null;
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var copy = Path.Combine(staging, Path.GetDirectoryName(pagePath)!, SiteContext.SourceFileName(asset));
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        File.WriteAllBytes(copy, bytes);
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    private static void WriteAssets(string staging)
    {
        var assembly = typeof(SiteBuilder).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("assets/", StringComparison.Ordinal)))
        {
            var file = Path.Combine(staging, name);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            using var resource = assembly.GetManifestResourceStream(name)!;
            using var target = File.Create(file);
            resource.CopyTo(target);
        }
    }

    private static string Sitemap(IEnumerable<string> pages, string baseUrl)
    {
        var root = baseUrl.TrimEnd('/') + "/";
        var text = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        foreach (var page in pages.Where(p => p != SiteUrls.NotFound))
        {
            var location = root + (page.EndsWith("/index.html", StringComparison.Ordinal) ? page[..^"index.html".Length] : page);
            text.Append("  <url><loc>").Append(SecurityElement.Escape(location)).Append("</loc></url>\n");
        }

        return text.Append("</urlset>\n").ToString();
    }

    private static void Swap(string staging, string output)
    {
        string? previous = null;
        if (Directory.Exists(output))
        {
            previous = output + ".old-" + Guid.NewGuid().ToString("N")[..8];
            Directory.Move(output, previous);
        }

        try
        {
            Directory.Move(staging, output);
        }
        catch
        {
            // Put the previous site back: a failed build never leaves no site where there was one.
            if (previous is not null && !Directory.Exists(output))
            {
                Directory.Move(previous, output);
            }

            throw;
        }

        if (previous is not null)
        {
            try
            {
                // Tens of thousands of page folders: deleted two levels down in parallel, then the rest.
                Parallel.ForEach(Directory.EnumerateDirectories(previous).SelectMany(Directory.EnumerateDirectories), folder => Directory.Delete(folder, recursive: true));
                Directory.Delete(previous, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or AggregateException)
            {
                // The new site is in place; the old copy beside it is only clutter.
            }
        }
    }
}
