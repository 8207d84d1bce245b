using System.Text.Json;
using MeshGovernance.Testing;

namespace MeshGovernance.Site.Tests;

/// <summary>The example mesh's site, built once with every policy: its pages, links, search index and catalog.json.</summary>
public sealed class TemplateSiteTests : IClassFixture<TemplateSiteTests.TemplateSite>
{
    private readonly TemplateSite _site;

    public TemplateSiteTests(TemplateSite site) => _site = site;

    [Fact]
    public void Every_page_kind_is_written_and_every_internal_link_resolves()
    {
        Assert.True(_site.Result.Succeeded, string.Join("\n", _site.Result.BrokenLinks));
        var pages = SiteBuilds.Pages(_site.Folder).ToHashSet();
        Assert.Contains("index.html", pages);
        Assert.Contains("404.html", pages);
        Assert.Contains("governance/index.html", pages);
        Assert.Contains("products/payments.payment-transactions/index.html", pages);
        Assert.Contains("contracts/payments.payment-transactions.v1/index.html", pages);
        Assert.Contains("domains/payments/index.html", pages);
        Assert.Equal(13, pages.Count(p => p.StartsWith("products/", StringComparison.Ordinal)));
        Assert.Equal(14, pages.Count(p => p.StartsWith("contracts/", StringComparison.Ordinal)));
    }

    [Fact]
    public void Titles_are_unique_the_current_page_alone_is_marked_and_the_favicon_is_the_sites_own()
    {
        var pages = SiteBuilds.Pages(_site.Folder).Where(p => p != "404.html").ToList();
        var titles = pages.Select(p => SiteBuilds.Page(_site.Folder, p).Title).ToList();
        var current = pages.Where(p => SiteBuilds.Page(_site.Folder, p).QuerySelector("nav[aria-label='Site'] [aria-current='page']") is not null).Order(StringComparer.Ordinal);

        Assert.Equal(titles.Count, titles.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(["governance/index.html", "index.html"], current);
        Assert.All(pages, p =>
        {
            var icon = SiteBuilds.Page(_site.Folder, p).QuerySelector("link[rel='icon']")!.GetAttribute("href")!;
            Assert.True(File.Exists(Path.GetFullPath(Path.Combine(_site.Folder, Path.GetDirectoryName(p)!, icon))), $"{p}: {icon}");
        });
    }

    [Fact]
    public void Breadcrumbs_and_findings_read_as_words()
    {
        var product = SiteBuilds.Page(_site.Folder, "products/payments.payment-transactions/index.html");
        var team = SiteBuilds.Page(_site.Folder, "governance/index.html");

        Assert.Equal("Catalog › Payments › payments.payment-transactions", product.QuerySelector("nav.breadcrumb")!.TextContent.Trim());
        var finding = team.QuerySelector("ul.findings li")!.TextContent.Trim();
        Assert.Matches(@"^(error|warning|notice) [A-Za-z0-9-]+ ", finding);
    }

    [Fact]
    public void Every_page_has_landmarks_one_heading_and_a_stylesheet_from_the_site()
    {
        foreach (var path in SiteBuilds.Pages(_site.Folder))
        {
            var page = SiteBuilds.Page(_site.Folder, path);
            Assert.Single(page.QuerySelectorAll("main"));
            Assert.Single(page.QuerySelectorAll("h1"));
            Assert.NotNull(page.QuerySelector("header nav[aria-label]"));
            Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
            Assert.All(page.QuerySelectorAll("link[href], script[src], img[src]"),
                e => Assert.DoesNotContain("//", e.GetAttribute("href") ?? e.GetAttribute("src")!, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_product_page_shows_owners_ports_contracts_lineage_and_policy_results()
    {
        var page = SiteBuilds.Page(_site.Folder, "products/payments.payment-transactions/index.html");

        Assert.Contains("payments.payment-transactions", page.QuerySelector("h1")!.TextContent + page.QuerySelector(".meta")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("a[href='../../contracts/payments.payment-transactions.v1/index.html']"));
        var downstream = page.QuerySelectorAll(".lineage figcaption a").Select(a => a.TextContent).ToList();
        Assert.Contains("sales-analytics.daily-sales", downstream);
        Assert.NotNull(page.QuerySelector(".lineage svg title"));
        Assert.NotEmpty(page.QuerySelectorAll("table.results tbody tr"));
    }

    [Fact]
    public void A_contract_page_shows_the_schema_consumers_and_raw_yaml()
    {
        var page = SiteBuilds.Page(_site.Folder, "contracts/payments.payment-transactions.v1/index.html");

        var rows = page.QuerySelectorAll("table.schema tbody tr th").Select(th => th.TextContent.Trim()).ToList();
        Assert.Contains(rows, r => r.StartsWith("method", StringComparison.Ordinal));
        Assert.Contains(page.QuerySelectorAll("#consumers ~ ul a, section[aria-labelledby='consumers'] a").Select(a => a.TextContent), t => t == "sales-analytics.daily-sales");
        Assert.Contains("id: payments.payment-transactions.v1", page.QuerySelector("details pre code")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_governance_report_lists_every_policy_scorecards_and_the_waiver()
    {
        var page = SiteBuilds.Page(_site.Folder, "governance/index.html");

        var policies = page.QuerySelectorAll("tr[id^='policy-']").Select(r => r.Id!).ToList();
        Assert.Contains("policy-contract-version-bump", policies);
        Assert.True(policies.Count >= 23, $"{policies.Count} policies");
        Assert.Equal(6, page.QuerySelectorAll("table.scorecards")[0].QuerySelectorAll("tbody tr").Length);
        var waiver = Assert.Single(page.QuerySelectorAll("section[aria-labelledby='waivers'] tbody tr"));
        Assert.Contains("in ", waiver.QuerySelector(".badge")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_search_index_and_catalog_json_hold_every_product_and_contract()
    {
        var script = File.ReadAllText(Path.Combine(_site.Folder, "search-index.js"));
        const string Prefix = "window.MESHGOV_SEARCH = ";
        Assert.StartsWith(Prefix, script, StringComparison.Ordinal);
        using var index = JsonDocument.Parse(script[Prefix.Length..].TrimEnd().TrimEnd(';'));
        var entries = index.RootElement.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(27, entries.Count);
        // search.js builds each address from the kind and the page folder (the id when "sl" is absent).
        Assert.All(entries, e => Assert.True(File.Exists(Path.Combine(_site.Folder,
            e.GetProperty("k").GetString() == "c" ? "contracts" : "products",
            e.TryGetProperty("sl", out var slug) ? slug.GetString()! : e.GetProperty("id").GetString()!, "index.html"))));
        var contract = entries.Single(e => e.GetProperty("id").GetString() == "payments.payment-transactions.v1");
        Assert.Contains("method", contract.GetProperty("p").EnumerateArray().Select(p => p.GetString()));
        var product = entries.Single(e => e.GetProperty("id").GetString() == "payments.payment-transactions");
        Assert.Contains(entries.IndexOf(contract), product.GetProperty("sv").EnumerateArray().Select(i => i.GetInt32()));
        var teams = index.RootElement.GetProperty("teams");
        Assert.Equal("payments", teams[contract.GetProperty("o").GetInt32()][0].GetString());

        using var catalog = JsonDocument.Parse(File.ReadAllText(Path.Combine(_site.Folder, "catalog.json")));
        Assert.Equal(13, catalog.RootElement.GetProperty("products").GetArrayLength());
        Assert.Equal(14, catalog.RootElement.GetProperty("contracts").GetArrayLength());
        // Built without --base-url: no sitemap, whose addresses must be absolute (SiteOutputFolderTests has one with it).
        Assert.False(File.Exists(Path.Combine(_site.Folder, "sitemap.xml")));
    }

    /// <summary>The template's site, built once for the class.</summary>
    public sealed class TemplateSite : IDisposable
    {
        public TemplateSite() => (Result, Folder) = SiteBuilds.BuildWithPolicies(RepositoryPaths.Template);

        public SiteBuildResult Result { get; }

        public string Folder { get; }

        public void Dispose()
        {
            if (Directory.Exists(Folder))
            {
                Directory.Delete(Folder, recursive: true);
            }
        }
    }
}
