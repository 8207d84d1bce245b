using MeshGovernance.Testing;

namespace MeshGovernance.Site.Tests;

/// <summary>
/// The output folder is written only when it is empty or a previous build wrote it; over a previous build only the
/// files that changed are written, and what the new site no longer has is removed.
/// </summary>
public sealed class SiteOutputFolderTests
{
    [Fact]
    public async Task A_folder_meshgov_did_not_write_is_never_replaced_nor_the_repository()
    {
        using var repo = TempMeshRepository.Valid();
        using var other = TempMeshRepository.Empty();
        File.WriteAllText(Path.Combine(other.Root, "precious.txt"), "keep me");
        var context = SiteBuilds.ContextWithoutPolicies(repo.Root);

        var intoOther = await SiteBuilder.BuildAsync(context, other.Root, repo.Root);
        var intoRepository = await SiteBuilder.BuildAsync(context, repo.Root, repo.Root);

        Assert.Contains("was not written by 'meshgov site'", intoOther.Error, StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(other.Root, "precious.txt")));
        Assert.Contains("holds the repository itself", intoRepository.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(repo.Root, "mesh.yaml")));
    }

    [Fact]
    public async Task A_second_build_removes_what_the_first_had_alone_and_leaves_no_staging_folder()
    {
        using var repo = TempMeshRepository.Valid();
        using var parent = TempMeshRepository.Empty();
        var output = Path.Combine(parent.Root, "_site");
        var context = SiteBuilds.ContextWithoutPolicies(repo.Root);

        Assert.True((await SiteBuilder.BuildAsync(context, output, repo.Root)).Succeeded);
        File.WriteAllText(Path.Combine(output, "stale.html"), "<a href=\"nowhere.html\">x</a>");
        Assert.True((await SiteBuilder.BuildAsync(context, output, repo.Root)).Succeeded);

        Assert.False(File.Exists(Path.Combine(output, "stale.html")));
        Assert.True(File.Exists(Path.Combine(output, "index.html")));
        Assert.Equal(["_site"], Directory.GetFileSystemEntries(parent.Root).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_build_over_a_previous_site_rewrites_only_what_changed_and_equals_a_build_into_an_empty_folder()
    {
        using var repo = TempMeshRepository.CopyOf(RepositoryPaths.Template);
        using var parent = TempMeshRepository.Empty();
        var output = Path.Combine(parent.Root, "_site");
        var fresh = Path.Combine(parent.Root, "fresh");
        Assert.True((await SiteBuilder.BuildAsync(SiteBuilds.ContextWithoutPolicies(repo.Root), output, repo.Root)).Succeeded);
        var longAgo = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        foreach (var file in Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(file, longAgo);
        }

        var product = Directory.EnumerateFiles(repo.Root, "*.odps.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        File.WriteAllText(product, File.ReadAllText(product) + "\ncustomProperties:\n  - property: seenOnThePage\n    value: a value no other page has\n");
        var context = SiteBuilds.ContextWithoutPolicies(repo.Root);

        var update = await SiteBuilder.BuildAsync(context, output, repo.Root);
        Assert.True((await SiteBuilder.BuildAsync(context, fresh, repo.Root)).Succeeded);

        Assert.True(update.Succeeded, update.Error);
        var rewritten = Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories).Where(f => File.GetLastWriteTimeUtc(f) != longAgo)
            .Select(f => Path.GetRelativePath(output, f).Replace('\\', '/')).ToList();
        Assert.Contains(rewritten, f => f.StartsWith("products/", StringComparison.Ordinal) && f.EndsWith("/index.html", StringComparison.Ordinal));
        Assert.Contains(rewritten, f => f.EndsWith(".odps.yaml", StringComparison.Ordinal));
        Assert.DoesNotContain(rewritten, f => f.StartsWith("contracts/", StringComparison.Ordinal));
        Assert.Equal(rewritten.Count, update.Files.Changed);
        Assert.True(update.Files.Unchanged > 5 * update.Files.Changed, $"{update.Files.Unchanged} unchanged, {update.Files.Changed} changed");
        Assert.Equal(0, update.Files.Removed);
        AssertSameTree(fresh, output);
    }

    [Fact]
    public async Task A_file_changed_in_the_output_is_written_again_and_files_and_folders_the_site_does_not_have_are_removed()
    {
        using var builds = await SameSiteTwice.BuildAsync();
        var (output, fresh) = (builds.Output, builds.Fresh);
        var home = Path.Combine(output, "index.html");
        var text = File.ReadAllText(home);
        File.WriteAllText(home, text.Replace("<main", "<mian", StringComparison.Ordinal));
        Directory.CreateDirectory(Path.Combine(output, "products", "gone", "deeper"));
        File.WriteAllText(Path.Combine(output, "products", "gone", "deeper", "index.html"), "<p>a product since removed</p>");
        File.WriteAllText(Path.Combine(output, "stale.html"), "<p>stale</p>");
        // A folder where the site has a file.
        File.Delete(Path.Combine(output, "catalog.json"));
        Directory.CreateDirectory(Path.Combine(output, "catalog.json", "inner"));
        File.WriteAllText(Path.Combine(output, "catalog.json", "inner", "x.txt"), "x");

        var update = await builds.BuildAgainAsync();

        Assert.True(update.Succeeded, update.Error);
        // index.html, catalog.json, and .nojekyll: an empty file is never compared, so always written.
        Assert.Equal(3, update.Files.Changed);
        Assert.Equal(3, update.Files.Removed);
        Assert.False(Directory.Exists(Path.Combine(output, "products", "gone")));
        AssertSameTree(fresh, output);
    }

    [Fact]
    public async Task A_build_that_stops_before_the_end_leaves_the_previous_site_as_it_was_and_no_staging_folder()
    {
        using var builds = await SameSiteTwice.BuildAsync();
        var home = Path.Combine(builds.Output, "index.html");
        File.WriteAllText(home, "<p>changed by hand</p>");
        var before = Directory.EnumerateFileSystemEntries(builds.Output, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        using var stop = new CancellationTokenSource();
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => builds.BuildAgainAsync(stop.Token));

        Assert.Equal("<p>changed by hand</p>", File.ReadAllText(home));
        Assert.Equal(before, Directory.EnumerateFileSystemEntries(builds.Output, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
        Assert.Equal(["_site", "fresh"], Directory.GetFileSystemEntries(Path.GetDirectoryName(builds.Output)!).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Links_in_the_output_are_removed_never_followed_and_a_named_pipe_never_blocks_the_build()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // symbolic links need privileges there, and named pipes are made with mkfifo
        }

        using var builds = await SameSiteTwice.BuildAsync();
        using var outside = TempMeshRepository.Empty();
        var (output, fresh) = (builds.Output, builds.Fresh);
        // The same bytes outside, reached through links: a build that compared through them would keep the links.
        Directory.Move(Path.Combine(output, "assets"), Path.Combine(outside.Root, "assets"));
        Directory.CreateSymbolicLink(Path.Combine(output, "assets"), Path.Combine(outside.Root, "assets"));
        File.Move(Path.Combine(output, "index.html"), Path.Combine(outside.Root, "index.html"));
        File.CreateSymbolicLink(Path.Combine(output, "index.html"), Path.Combine(outside.Root, "index.html"));
        // Named pipes where the site has an empty file and a full one: opening either to compare would wait forever.
        File.Delete(Path.Combine(output, "catalog.json"));
        File.Delete(Path.Combine(output, ".nojekyll"));
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [Path.Combine(output, "catalog.json"), Path.Combine(output, ".nojekyll")]))
        {
            await mkfifo.WaitForExitAsync();
        }

        var update = await builds.BuildAgainAsync().WaitAsync(TimeSpan.FromMinutes(1));

        Assert.True(update.Succeeded, update.Error);
        Assert.Null(new DirectoryInfo(Path.Combine(output, "assets")).LinkTarget);
        Assert.Null(new FileInfo(Path.Combine(output, "index.html")).LinkTarget);
        Assert.True(File.Exists(Path.Combine(outside.Root, "index.html")));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(outside.Root, "assets")));
        AssertSameTree(fresh, output);
    }

    /// <summary>The valid example repository's site built twice: into the folder a test then changes, and a fresh copy to compare with.</summary>
    private sealed class SameSiteTwice : IDisposable
    {
        private readonly TempMeshRepository _repository = TempMeshRepository.Valid();
        private readonly TempMeshRepository _parent = TempMeshRepository.Empty();
        private readonly SiteContext _context;

        private SameSiteTwice() => _context = SiteBuilds.ContextWithoutPolicies(_repository.Root);

        public string Output => Path.Combine(_parent.Root, "_site");

        public string Fresh => Path.Combine(_parent.Root, "fresh");

        public static async Task<SameSiteTwice> BuildAsync()
        {
            var builds = new SameSiteTwice();
            Assert.True((await builds.BuildAgainAsync()).Succeeded);
            Assert.True((await SiteBuilder.BuildAsync(builds._context, builds.Fresh, builds._repository.Root)).Succeeded);
            return builds;
        }

        public Task<SiteBuildResult> BuildAgainAsync(CancellationToken cancellationToken = default) =>
            SiteBuilder.BuildAsync(_context, Output, _repository.Root, cancellationToken: cancellationToken);

        public void Dispose()
        {
            _repository.Dispose();
            _parent.Dispose();
        }
    }

    private static void AssertSameTree(string expected, string actual)
    {
        static Dictionary<string, string> Read(string root) => Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))), StringComparer.Ordinal);

        var want = Read(expected);
        var have = Read(actual);
        Assert.Equal(want.Keys.Order(StringComparer.Ordinal), have.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(want.Where(f => have[f.Key] != f.Value).Select(f => f.Key));
        Assert.Equal(
            Directory.EnumerateDirectories(expected, "*", SearchOption.AllDirectories).Select(d => Path.GetRelativePath(expected, d)).Order(StringComparer.Ordinal),
            Directory.EnumerateDirectories(actual, "*", SearchOption.AllDirectories).Select(d => Path.GetRelativePath(actual, d)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task With_a_base_url_the_404_page_links_from_the_base_path_and_the_sitemap_is_absolute()
    {
        using var repo = TempMeshRepository.Valid();
        using var parent = TempMeshRepository.Empty();
        var output = Path.Combine(parent.Root, "_site");
        var context = SiteBuilds.ContextWithoutPolicies(repo.Root);

        var result = await SiteBuilder.BuildAsync(context, output, repo.Root, "https://acme.github.io/mesh");

        Assert.True(result.Succeeded, result.Error + string.Join("\n", result.BrokenLinks));
        var notFound = SiteBuilds.Page(output, "404.html");
        Assert.Equal("/mesh/assets/site.css", notFound.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href"));
        Assert.Equal("/mesh/index.html", notFound.QuerySelector("main a")!.GetAttribute("href"));
        Assert.Contains("<loc>https://acme.github.io/mesh/products/sales.orders/</loc>", File.ReadAllText(Path.Combine(output, "sitemap.xml")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_base_url_the_404_page_links_from_the_domain_root_and_there_is_no_sitemap()
    {
        using var repo = TempMeshRepository.Valid();
        using var parent = TempMeshRepository.Empty();
        var output = Path.Combine(parent.Root, "_site");

        var result = await SiteBuilder.BuildAsync(SiteBuilds.ContextWithoutPolicies(repo.Root), output, repo.Root);

        Assert.True(result.Succeeded, result.Error + string.Join("\n", result.BrokenLinks));
        var notFound = SiteBuilds.Page(output, "404.html");
        Assert.Equal("/assets/site.css", notFound.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href"));
        Assert.Equal("/index.html", notFound.QuerySelector("main a")!.GetAttribute("href"));
        Assert.False(File.Exists(Path.Combine(output, "sitemap.xml")));
    }

    [Fact]
    public void The_link_checker_reports_a_broken_link_with_its_page()
    {
        using var folder = TempMeshRepository.Empty();
        Directory.CreateDirectory(Path.Combine(folder.Root, "products", "a"));
        File.WriteAllText(Path.Combine(folder.Root, "index.html"), "<a href=\"products/a/index.html\">a</a> <a href=\"https://example.com\">x</a> <script src=\"https://cdn.example/x.js\"></script> <a href=\"products/a/\">a</a>");
        File.WriteAllText(Path.Combine(folder.Root, "products", "a", "index.html"), "<a href=\"../../index.html#top\">home</a> <a href=\"../b/index.html\">b</a>");

        var broken = LinkChecker.Check(folder.Root);

        Assert.Equal(["index.html: loads https://cdn.example/x.js from outside the site", "products/a/index.html: ../b/index.html"], broken.Order(StringComparer.Ordinal));
    }
}
