using MeshGovernance.Model.Loading;
using MeshGovernance.Model.Text;
using MeshGovernance.Policies.Engine;
using MeshGovernance.Results;
using MeshGovernance.Testing;

namespace MeshGovernance.Site.Tests;

/// <summary>
/// The catalog never says "passed" without judging: change-only policies are "not evaluated" outside a pull
/// request, a pass with warnings says so beside its finding, every count matches the findings listed, and the
/// trend chart has axes, values and words even for one commit.
/// </summary>
public sealed class GovernanceHonestyTests : IClassFixture<TemplateSiteTests.TemplateSite>
{
    private static readonly string[] ChangeOnlyPolicies = ["breaking-change-consumers", "change-authored-by-owner", "contract-version-bump"];

    private readonly TemplateSiteTests.TemplateSite _site;

    public GovernanceHonestyTests(TemplateSiteTests.TemplateSite site) => _site = site;

    [Fact]
    public void Change_only_policies_are_not_evaluated_on_main_and_no_product_or_contract_lists_them_as_passed()
    {
        var governance = SiteBuilds.Page(_site.Folder, "governance/index.html");
        foreach (var id in ChangeOnlyPolicies)
        {
            var row = governance.QuerySelector($"tr#policy-{id}")!;
            Assert.Contains("not evaluated (pull requests only)", row.TextContent, StringComparison.Ordinal);
        }

        using var catalog = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(_site.Folder, "catalog.json")));
        var statuses = catalog.RootElement.GetProperty("policies").EnumerateArray()
            .ToDictionary(p => p.GetProperty("id").GetString()!, p => p.GetProperty("status").GetString());
        Assert.All(ChangeOnlyPolicies, id => Assert.Equal("not-evaluated", statuses[id]));
        Assert.Equal("passed", statuses["product-has-owner"]);

        var subjectPages = SiteBuilds.Pages(_site.Folder).Where(p => p.StartsWith("products/", StringComparison.Ordinal) || p.StartsWith("contracts/", StringComparison.Ordinal)).ToList();
        Assert.Equal(27, subjectPages.Count);
        foreach (var path in subjectPages)
        {
            var links = SiteBuilds.Page(_site.Folder, path).QuerySelectorAll("table.results a").Select(a => a.GetAttribute("href")!).ToList();
            Assert.NotEmpty(links);
            Assert.DoesNotContain(links, href => ChangeOnlyPolicies.Any(id => href.EndsWith("#policy-" + id, StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void Beside_every_product_and_contract_title_a_summary_agrees_with_its_results_table()
    {
        foreach (var path in SiteBuilds.Pages(_site.Folder).Where(p => p.StartsWith("products/", StringComparison.Ordinal) || p.StartsWith("contracts/", StringComparison.Ordinal)))
        {
            var page = SiteBuilds.Page(_site.Folder, path);
            var badges = page.QuerySelectorAll("table.results tbody tr .badge").Select(b => b.TextContent).ToList();
            var summary = page.QuerySelector("h1 + p.verdict")!;
            var counts = string.Join(", ", new[] { "passed", "failed", "waived", "baselined" }
                .Select(word => (Count: badges.Count(b => b == word), Word: word)).Where(p => p.Count > 0).Select(p => $"{p.Count} {p.Word}"));
            Assert.Equal($"{Wording.Plural(badges.Count, "policy", "policies")}: {counts}", summary.QuerySelector("a[href='#policies']")!.TextContent);
            Assert.Equal(badges.Contains("failed"), summary.QuerySelector(".badge")!.TextContent.StartsWith("fails ", StringComparison.Ordinal));
        }

        var waived = SiteBuilds.Page(_site.Folder, "contracts/marketing.customer-segments.v1/index.html").QuerySelector("p.verdict")!.TextContent;
        Assert.Contains("1 waived", waived, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_team_page_counts_the_open_findings_it_lists_notices_included()
    {
        foreach (var path in SiteBuilds.Pages(_site.Folder).Where(p => p.StartsWith("teams/", StringComparison.Ordinal)))
        {
            var page = SiteBuilds.Page(_site.Folder, path);
            var section = page.QuerySelector("section[aria-labelledby='open']")!;
            var listed = section.QuerySelectorAll("ul.findings > li").Length;
            Assert.Equal($"Open findings ({listed})", section.QuerySelector("h2")!.TextContent);
        }

        var supplyChain = SiteBuilds.Page(_site.Folder, "teams/supply-chain/index.html").QuerySelector("section[aria-labelledby='open']")!;
        Assert.Contains("team-has-contact", supplyChain.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pass_with_a_warning_says_so_and_shows_the_warning()
    {
        using var repository = TempMeshRepository.CopyOf(RepositoryPaths.Template);
        repository.Write("governance/policies/refunds-reviewed.csx", """
            // ---
            // id: refunds-reviewed
            // title: Refunds are reviewed by finance
            // enforcement: soft-mandatory
            // category: test
            // rationale: Shows a pass that carries a warning.
            // scope: products
            // ---
            foreach (var product in Mesh.Products.Where(p => p.Id == "payments.refunds"))
                Warn(product, "id", "Finance has not reviewed this product yet.");
            """);
        var load = MeshLoader.Load(repository.Root);
        var check = PolicyEngine.Check(load, PolicySet.Load(load), new PolicyEngineOptions { Today = SiteBuilds.Today });
        var context = new SiteContext(load, check, SiteBuilds.Today);

        var row = context.Results.For("payments.refunds").Single(r => r.Policy.Metadata.Id == "refunds-reviewed");
        Assert.Equal(SubjectStatus.Passed, row.Status);
        var folder = Path.Combine(Path.GetTempPath(), "meshgov-site-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            Assert.True((await SiteBuilder.BuildAsync(context, folder, repository.Root)).Succeeded);
            var cell = SiteBuilds.Page(folder, "products/payments.refunds/index.html")
                .QuerySelectorAll("table.results tr").Single(tr => tr.TextContent.Contains("Refunds are reviewed by finance", StringComparison.Ordinal));
            Assert.Contains("passed with 1 warning", cell.TextContent, StringComparison.Ordinal);
            Assert.Contains("warning: Finance has not reviewed this product yet.", cell.TextContent, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_trend_of_one_commit_is_a_dot_with_its_values_and_a_description()
    {
        var load = MeshLoader.Load(RepositoryPaths.Template);
        var commit = new FileCommit("0123456789abcdef", new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero), "ana", "Add refunds");
        var context = new SiteContext(load, CheckResult.ValidationOnly(load.Diagnostics, load.ConfigurationError), SiteBuilds.Today,
            trend: [new TrendPoint(commit, 13, 14, 3, 1, 0, 2)]);
        var folder = Path.Combine(Path.GetTempPath(), "meshgov-site-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            Assert.True((await SiteBuilder.BuildAsync(context, folder, RepositoryPaths.Template)).Succeeded);
            var chart = SiteBuilds.Page(folder, "governance/index.html").QuerySelector(".trend svg")!;
            Assert.Equal(2, chart.QuerySelectorAll("circle").Length);
            Assert.Equal("One commit, 2026-11-20: 3 errors, 1 blocking.", chart.QuerySelector("desc")!.TextContent);
            var axis = chart.QuerySelectorAll("text.trend-axis").Select(t => t.TextContent).ToList();
            Assert.Contains("0", axis);
            Assert.Contains("3", axis);
            Assert.Contains("2026-11-20", axis);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
