using System.CommandLine;
using MeshGovernance.Review;
using MeshGovernance.Model.Loading;
using MeshGovernance.Policies.Engine;
using MeshGovernance.Site;
using MeshGovernance.Results;

namespace MeshGovernance.Cli.Commands;

/// <summary>
/// <c>meshgov site</c>: checks the mesh and publishes the catalog and governance reports as a static site that
/// works from GitHub Pages or straight from disk.
/// </summary>
internal static class SiteCommand
{
    public static Command Create(TextWriter output, TextWriter error, PolicyWorkers workers)
    {
        var repository = CommonOptions.Repository();
        var outFolder = new Option<DirectoryInfo>("--out", "-o")
        {
            Description = "Where to write the site: a new or empty folder, or one a previous build wrote. Written only when the build succeeds, and then only the files that changed.",
            HelpName = "DIR",
            Required = true,
        };
        var baseUrl = new Option<string?>("--base-url")
        {
            Description = "The address the site is published at (such as https://org.github.io/mesh/): needed for sitemap.xml, and for 404.html when the site is served under a path.",
            HelpName = "URL",
        };
        var history = new Option<int>("--history")
        {
            Description = "How many of the newest commits to read for each page's last change and each contract's changelog (0: none).",
            HelpName = "N",
            DefaultValueFactory = _ => 200,
        };
        var trend = new Option<int>("--trend")
        {
            Description = "How many of the newest commits that changed the mesh to check again, each with its own policies, for the governance report's trend (0: none).",
            HelpName = "N",
            DefaultValueFactory = _ => 10,
        };
        var stats = new Option<bool>("--stats")
        {
            Description = "Print to standard error how long each phase of the build took.",
        };
        var policyOptions = new PolicyOptions(workers);
        var command = new Command("site", "Publish the data product catalog and governance reports as a static site: search, domain, product, contract, team and governance pages, catalog.json and a sitemap.")
        {
            repository,
            outFolder,
            baseUrl,
            history,
            trend,
            stats,
        };
        policyOptions.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var root = parse.GetValue(repository)!;
            if (!CommonOptions.RepositoryExists(root, error))
            {
                return ExitCodes.UsageOrConfiguration;
            }

            if (parse.GetValue(baseUrl) is { } url && !(Uri.TryCreate(url, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https"))
            {
                error.WriteLine($"error: --base-url: '{url}' is not an absolute http or https address.");
                return ExitCodes.UsageOrConfiguration;
            }

            var target = parse.GetValue(outFolder)!;
            if (SiteBuilder.CheckOutputFolder(target.FullName, root.FullName) is { } unusable)
            {
                error.WriteLine("error: --out: " + unusable);
                return ExitCodes.UsageOrConfiguration;
            }

            var options = policyOptions.Read(parse, root.FullName, error);
            if (options is null)
            {
                return ExitCodes.UsageOrConfiguration;
            }

            var previousSite = PreviousSite.ReadInBackground(target.FullName);

            var fileCache = policyOptions.CacheRoot is { } cacheRoot ? FileCache.Open(cacheRoot) : null;
            var load = MeshLoader.Load(root.FullName, cache: fileCache);
            if (load.ConfigurationError)
            {
                error.WriteLine($"error: --repo: '{root.FullName}' has no readable mesh.yaml; run 'meshgov validate' to see why.");
                return ExitCodes.UsageOrConfiguration;
            }

            var check = PolicyEngine.Check(load, PolicySet.Load(load), options);
            var commits = parse.GetValue(history);
            if (commits < 0)
            {
                error.WriteLine("error: --history: give a number of commits, 0 or more.");
                return ExitCodes.UsageOrConfiguration;
            }

            var (siteHistory, note) = commits == 0 ? (MeshHistory.None, null) : SiteHistoryReader.Read(root.FullName, commits);
            if (note is not null)
            {
                error.WriteLine("note: " + note + ".");
            }

            var trendCommits = parse.GetValue(trend);
            if (trendCommits < 0)
            {
                error.WriteLine("error: --trend: give a number of commits, 0 or more.");
                return ExitCodes.UsageOrConfiguration;
            }

            var (points, trendNote) = trendCommits == 0 ? ([], null) : SiteTrendReader.Read(root.FullName, trendCommits, options, fileCache);
            if (trendNote is not null)
            {
                error.WriteLine("note: " + trendNote + ".");
            }

            var context = new SiteContext(load, check, options.Today, siteHistory, points);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            SiteBuildResult result;
            try
            {
                result = await SiteBuilder.BuildAsync(context, target.FullName, root.FullName, parse.GetValue(baseUrl), previousSite, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"error: --out: the site could not be written to '{target.FullName}': {ex.Message} The previous site, if any, was left as it was.");
                return ExitCodes.UsageOrConfiguration;
            }

            if (result.Error is { } problem)
            {
                error.WriteLine("error: --out: " + problem);
                return ExitCodes.UsageOrConfiguration;
            }

            if (result.BrokenLinks.Count > 0)
            {
                error.WriteLine($"error: the site has {result.BrokenLinks.Count} broken internal link(s); nothing was replaced. This is a defect in meshgov: please report it with these lines.");
                foreach (var link in result.BrokenLinks.Take(20))
                {
                    error.WriteLine("  " + link);
                }

                return ExitCodes.InternalError;
            }

            if (parse.GetValue(baseUrl) is null)
            {
                error.WriteLine("note: without --base-url there is no sitemap.xml (its addresses must be absolute) and 404.html links from the domain root (/); pass the address the site is published at, such as --base-url https://org.github.io/mesh/.");
            }

            output.WriteLine($"Wrote {result.Pages} pages to {target.FullName} in {watch.Elapsed.TotalSeconds:0.0} s ({context.Mesh.Products.Count} products, {context.Mesh.Contracts.Count} contracts; {check.Diagnostics.Count} findings).");
            if (parse.GetValue(stats))
            {
                var (pages, data, links, commit) = result.Timings;
                var (changed, unchanged, removed) = result.Files;
                error.WriteLine(FormattableString.Invariant($"site: pages {pages.TotalSeconds:0.00} s, then search index and catalog.json {data.TotalSeconds:0.00} s, link check {links.TotalSeconds:0.00} s, put in place {commit.TotalSeconds:0.00} s; files: {changed} new or changed, {unchanged} unchanged, {removed} removed"));
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
