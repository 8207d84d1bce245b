using MeshGovernance.Testing;

namespace MeshGovernance.Site.Tests;

/// <summary>The output folder is replaced whole, and only when a previous build wrote it.</summary>
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
    public async Task A_second_build_replaces_the_first_whole_and_leaves_no_staging_folder()
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
