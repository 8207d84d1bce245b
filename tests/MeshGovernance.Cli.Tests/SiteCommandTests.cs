using MeshGovernance.Testing;

namespace MeshGovernance.Cli.Tests;

/// <summary><c>meshgov site</c> end to end: a real git repository, its history on the pages, and bad arguments.</summary>
public sealed class SiteCommandTests
{
    private const string Contract = "domains/payments/contracts/payment-transactions.odcs.yaml";

    [Fact]
    public void The_site_shows_each_contracts_changelog_and_each_products_last_change_from_git()
    {
        using var repo = GitMeshRepository.FromFolder(RepositoryPaths.Template);
        repo.Replace(Contract, "version: 1.5.1", "version: 1.6.0");
        repo.Replace(Contract, "      - name: method\n", "      - name: channel\n        logicalType: string\n      - name: method\n");
        repo.Commit("Add the payment channel");
        using var output = TempMeshRepository.Empty();
        var site = Path.Combine(output.Root, "_site");

        var run = CliRun.Of("site", "--repo", repo.Root, "--out", site, "--no-cache", "--today", "2026-11-22");

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Contains("Wrote 43 pages", run.Output, StringComparison.Ordinal);
        // Without --base-url: no sitemap, and the command says why and what to pass.
        Assert.False(File.Exists(Path.Combine(site, "sitemap.xml")));
        Assert.Contains("note: without --base-url there is no sitemap.xml", run.Error, StringComparison.Ordinal);
        var contract = File.ReadAllText(Path.Combine(site, "contracts", "payments.payment-transactions.v1", "index.html"));
        Assert.Contains("Add the payment channel", contract, StringComparison.Ordinal);
        Assert.Contains("property &#x27;payment_transactions.channel&#x27; is added", contract, StringComparison.Ordinal);
        var product = File.ReadAllText(Path.Combine(site, "products", "payments.payment-transactions", "index.html"));
        Assert.Contains("Test Author", product, StringComparison.Ordinal);
        // The trend: both commits checked again with their own policies, newest first.
        var governance = File.ReadAllText(Path.Combine(site, "governance", "index.html"));
        Assert.Contains("<polyline", governance, StringComparison.Ordinal);
        var trend = governance[governance.IndexOf("id=\"trend\"", StringComparison.Ordinal)..governance.IndexOf("id=\"waivers\"", StringComparison.Ordinal)];
        var rows = trend.Split("<th scope=\"row\">").Skip(1).ToList();
        Assert.True(rows.Count == 2, trend);
        Assert.Contains("Add the payment channel", rows[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_build_into_the_same_folder_writes_only_what_changed()
    {
        using var repo = TempMeshRepository.CopyOf(RepositoryPaths.Template);
        using var output = TempMeshRepository.Empty();
        var site = Path.Combine(output.Root, "_site");
        string[] build = ["site", "--repo", repo.Root, "--out", site, "--no-cache", "--history", "0", "--trend", "0", "--today", "2026-11-22", "--stats"];
        var first = CliRun.Of(build);
        var home = File.ReadAllText(Path.Combine(site, "index.html"));
        File.WriteAllText(Path.Combine(site, "index.html"), "<p>changed by hand</p>");
        File.WriteAllText(Path.Combine(site, "stale.html"), "<p>stale</p>");

        var second = CliRun.Of(build);

        Assert.True(first.ExitCode == 0, first.Output + first.Error);
        Assert.True(second.ExitCode == 0, second.Output + second.Error);
        // index.html, and .nojekyll (an empty file is never compared).
        Assert.Matches(@"files: 2 new or changed, \d+ unchanged, 1 removed", second.Error);
        Assert.Equal(home, File.ReadAllText(Path.Combine(site, "index.html")));
        Assert.False(File.Exists(Path.Combine(site, "stale.html")));
    }

    [Fact]
    public void The_trend_reads_every_commit_of_a_mesh_whose_manifest_is_mesh_yml()
    {
        using var repo = GitMeshRepository.FromFolder(RepositoryPaths.Template);
        repo.Git("mv", "mesh.yaml", "mesh.yml");
        repo.Commit("Name the manifest mesh.yml");
        repo.Replace("mesh.yml", "policies:\n", "# Reviewed by the governance group.\npolicies:\n");
        repo.Commit("Note the review");
        using var output = TempMeshRepository.Empty();
        var site = Path.Combine(output.Root, "_site");

        var run = CliRun.Of("site", "--repo", repo.Root, "--out", site, "--no-cache", "--today", "2026-11-22");

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        var governance = File.ReadAllText(Path.Combine(site, "governance", "index.html"));
        var trend = governance[governance.IndexOf("id=\"trend\"", StringComparison.Ordinal)..governance.IndexOf("id=\"waivers\"", StringComparison.Ordinal)];
        var rows = trend.Split("<th scope=\"row\">").Skip(1).ToList();
        Assert.True(rows.Count == 3, trend);
        Assert.Contains("Note the review", rows[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_arguments_name_the_option_and_touch_nothing()
    {
        using var repo = TempMeshRepository.Valid();
        using var other = TempMeshRepository.Empty();
        File.WriteAllText(Path.Combine(other.Root, "notes.txt"), "mine");

        var noOut = CliRun.Of("site", "--repo", repo.Root);
        var foreign = CliRun.Of("site", "--repo", repo.Root, "--out", other.Root, "--no-cache");
        var badUrl = CliRun.Of("site", "--repo", repo.Root, "--out", Path.Combine(other.Root, "s"), "--base-url", "javascript:alert(1)", "--no-cache");

        Assert.Equal(2, noOut.ExitCode);
        Assert.Contains("--out", noOut.Error, StringComparison.Ordinal);
        Assert.Equal(2, foreign.ExitCode);
        Assert.StartsWith("error: --out:", foreign.Error, StringComparison.Ordinal);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(other.Root, "notes.txt")));
        Assert.Equal(2, badUrl.ExitCode);
        Assert.StartsWith("error: --base-url:", badUrl.Error, StringComparison.Ordinal);
    }
}
