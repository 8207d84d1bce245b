using System.Text;
using System.Security;
using MeshGovernance.Model.Graph;
using MeshGovernance.Site.Pages;

namespace MeshGovernance.Site;

/// <summary>The outcome of a build: the pages written, or why nothing was replaced.</summary>
public sealed record SiteBuildResult(int Pages, IReadOnlyList<string> BrokenLinks, string? Error)
{
    /// <summary>How long each phase took (pages, then what is left of the search index and catalog.json, link check, putting the site in place), for the benchmark.</summary>
    public (TimeSpan Pages, TimeSpan Data, TimeSpan LinkCheck, TimeSpan Commit) Timings { get; init; }

    /// <summary>Files new or changed, left as the previous build wrote them, and removed (the previous build's alone), for the benchmark.</summary>
    public (int Changed, int Unchanged, int Removed) Files { get; init; }

    public bool Succeeded => Error is null && BrokenLinks.Count == 0;
}

/// <summary>
/// Writes the catalog: every page, the search index, <c>catalog.json</c>, the sitemap and the assets, checks every
/// internal link, and only then puts the site in place (<see cref="SiteOutput"/>: a new folder is renamed into place,
/// a previous build's site gets only the files that changed), so a failed build never leaves half a site. An existing
/// output folder is written to only when a previous build wrote it.
/// </summary>
public static class SiteBuilder
{
    /// <summary>The file that marks a folder as a site meshgov wrote (and may therefore replace).</summary>
    public const string Marker = ".meshgov-site";

    private const int PagesPerBatch = 32;

    /// <param name="previousSite">
    /// The site an earlier build wrote to <paramref name="outputFolder"/>, read in the background while the mesh was
    /// checked (<see cref="PreviousSite.ReadInBackground"/>); read here when not given.
    /// </param>
    public static async Task<SiteBuildResult> BuildAsync(SiteContext context, string outputFolder, string repositoryRoot, string? baseUrl = null, Task<PreviousSite?>? previousSite = null, CancellationToken cancellationToken = default)
    {
        if (CheckOutputFolder(outputFolder, repositoryRoot) is { } problem)
        {
            return new SiteBuildResult(0, [], problem);
        }

        var output = FullFolderPath(outputFolder);
        var repository = FullFolderPath(repositoryRoot);
        // A site read before the folder was checked again is used only while the folder still holds it.
        var previous = HoldsPreviousSite(output) ? await (previousSite ?? Task.FromResult(PreviousSite.Read(output))) : null;
        var site = SiteOutput.Open(output, previous);
        try
        {
            var basePath = baseUrl is null ? null : new Uri(baseUrl.TrimEnd('/') + "/", UriKind.Absolute).AbsolutePath;
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var references = new System.Collections.Concurrent.ConcurrentBag<PageReference>();
            // The search index and catalog.json are made beside the pages, one after the other on a task of their own,
            // filling the gaps the page workers leave (reading and comparing files).
            var data = Task.Run(() => (Index: Encoding.UTF8.GetBytes(SearchIndex.Script(context)), Catalog: CatalogJson.Utf8(context)), cancellationToken);
            List<string> pages;
            TimeSpan pagesTime;
            try
            {
                pages = await WritePagesAsync(context, site, repository, basePath, references, cancellationToken);
                pagesTime = watch.Elapsed;
            }
            finally
            {
                // Never leave the data task running past the build, even when a page failed.
                await data.ContinueWith(task => _ = task.Exception, TaskScheduler.Default);
            }

            var (index, catalog) = await data;
            WriteAssets(site);
            site.Write("search-index.js", index);
            site.Write("catalog.json", catalog);
            if (baseUrl is not null)
            {
                // A sitemap's locations must be absolute: without the site's address there is no sitemap.
                site.Write("sitemap.xml", Encoding.UTF8.GetBytes(Sitemap(pages, baseUrl)));
            }

            site.Write(".nojekyll", []);
            site.Write(Marker, "Written by meshgov site; updated by the next build.\n"u8);

            var dataTime = watch.Elapsed - pagesTime;
            var broken = LinkChecker.Check(references, site.Files, basePath ?? "/");
            var checkTime = watch.Elapsed - pagesTime - dataTime;
            if (broken.Count > 0)
            {
                return new SiteBuildResult(pages.Count, broken, null);
            }

            try
            {
                site.Commit();
            }
            catch (SiteUpdateException ex)
            {
                return new SiteBuildResult(pages.Count, [], ex.Message);
            }

            return new SiteBuildResult(pages.Count, [], null)
            {
                Timings = (pagesTime, dataTime, checkTime, watch.Elapsed - pagesTime - dataTime - checkTime),
                Files = (site.Changed, site.Unchanged, site.Removed),
            };
        }
        finally
        {
            site.DeleteStaging();
        }
    }

    /// <summary>Why the site may not be written to <paramref name="outputFolder"/>, or null when it may.</summary>
    public static string? CheckOutputFolder(string outputFolder, string repositoryRoot)
    {
        var output = FullFolderPath(outputFolder);
        var repository = FullFolderPath(repositoryRoot);
        if ((repository + Path.DirectorySeparatorChar).StartsWith(output + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return $"'{output}' holds the repository itself; choose an output folder such as '{Path.Combine(repository, "_site")}'.";
        }

        if (File.Exists(output))
        {
            return $"'{output}' is a file; name a folder.";
        }

        if (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any() && !HoldsPreviousSite(output))
        {
            return $"'{output}' is not empty and was not written by 'meshgov site'; choose an empty or new folder.";
        }

        return null;
    }

    /// <summary>Whether <paramref name="folder"/> holds a site an earlier build wrote (its <see cref="Marker"/>).</summary>
    internal static bool HoldsPreviousSite(string folder) => File.Exists(Path.Combine(folder, Marker));

    /// <summary>The absolute path of a folder, without a trailing separator.</summary>
    internal static string FullFolderPath(string folder) => Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar);

    /// <summary>The '/'-separated path of <paramref name="path"/> relative to <paramref name="root"/>, as the site's file list has it.</summary>
    internal static string RelativePath(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    private static async Task<List<string>> WritePagesAsync(SiteContext context, SiteOutput site, string repository, string? basePath, System.Collections.Concurrent.ConcurrentBag<PageReference> references, CancellationToken cancellationToken)
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
            r.RenderAsync<ProductPage>(new Dictionary<string, object?> { ["Product"] = p, ["Context"] = context, ["Root"] = root, ["RawYaml"] = CopySource(p, SiteUrls.Product(p.Id), site, repository) }, page)))));
        jobs.AddRange(context.Mesh.Contracts.Select(c => (SiteUrls.Contract(c.Id), (Func<PageRenderer, PageBuffer, string, Task>)((r, page, root) =>
            r.RenderAsync<ContractPage>(new Dictionary<string, object?> { ["Contract"] = c, ["Context"] = context, ["Root"] = root, ["RawYaml"] = CopySource(c, SiteUrls.Contract(c.Id), site, repository) }, page)))));

        // Two subjects with one id (the validator reports them) would write one file twice: the first wins. Case is
        // ignored, as on the file systems of macOS and Windows.
        jobs = jobs.DistinctBy(j => j.Path, StringComparer.OrdinalIgnoreCase).ToList();

        // A renderer keeps every component it rendered until it is disposed: one renderer per page lets a page's
        // components die young (a renderer for 250 pages made the pages phase half as slow again, measured in
        // docs/performance.md). Workers take the next batch of pages as they finish one: pages differ fourfold in
        // cost (a contract's schema), and the jobs come in kinds.
        var next = -1;
        var workers = Math.Max(1, Environment.ProcessorCount);
        await Parallel.ForEachAsync(Enumerable.Range(0, workers), cancellationToken, async (_, token) =>
        {
            using var page = new PageBuffer();
            while (Interlocked.Increment(ref next) * PagesPerBatch is var start && start < jobs.Count)
            {
                foreach (var (path, render) in jobs.GetRange(start, Math.Min(PagesPerBatch, jobs.Count - start)))
                {
                    token.ThrowIfCancellationRequested();
                    await using (var renderer = new PageRenderer())
                    {
                        await render(renderer, page, SiteUrls.RootFrom(path));
                    }

                    foreach (var reference in LinkChecker.References(path, page.Text))
                    {
                        references.Add(reference);
                    }

                    site.Write(path, page.Utf8());
                }
            }
        });
        return jobs.Select(j => j.Path).ToList();
    }

    /// <summary>
    /// Reads the product's or contract's YAML once: copies it byte for byte beside its page for download
    /// (<see cref="SiteContext.SourceFileName"/>) and returns its text for the page's raw view; null when it cannot be
    /// read, and then the page links no copy. Called as the page renders, so of two subjects with one id the copy is
    /// the one whose page was written.
    /// </summary>
    private static string? CopySource(DomainAsset asset, string pagePath, SiteOutput site, string repository)
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

        site.Write(Path.GetDirectoryName(pagePath)!.Replace('\\', '/') + "/" + SiteContext.SourceFileName(asset), bytes);
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    private static void WriteAssets(SiteOutput site)
    {
        var assembly = typeof(SiteBuilder).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("assets/", StringComparison.Ordinal)))
        {
            using var resource = assembly.GetManifestResourceStream(name)!;
            using var bytes = new MemoryStream();
            resource.CopyTo(bytes);
            site.Write(name, bytes.GetBuffer().AsSpan(0, (int)bytes.Length));
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

}
