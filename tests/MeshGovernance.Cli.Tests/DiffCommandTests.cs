using System.Text.Json;
using MeshGovernance.Testing;

namespace MeshGovernance.Cli.Tests;

/// <summary><c>meshgov diff</c> on real git repositories made from the example mesh.</summary>
public sealed class DiffCommandTests
{
    private const string Payments = "domains/payments/contracts/payment-transactions.odcs.yaml";
    private const string Refunds = "domains/payments/contracts/refunds.odcs.yaml";

    [Fact]
    public void A_breaking_change_is_listed_with_its_line_and_the_version_it_needs()
    {
        using var repo = GitMeshRepository.FromFolder(RepositoryPaths.Template);
        repo.Branch("drop-method");
        TemplateEdits.RemovePaymentMethod(repo);
        repo.Replace(Payments, "version: 1.5.1", "version: 1.6.0");
        var head = repo.Commit("Drop the payment method");

        var text = CliRun.Of("diff", "--no-cache", "--repo", repo.Root, "--base", "main", "--head", "HEAD");
        var failing = CliRun.Of("diff", "--no-cache", "--repo", repo.Root, "--base", "main", "--head", "HEAD", "--fail-on", "breaking");

        Assert.True(text.ExitCode == 0, text.Error);
        Assert.Contains($"to {head[..12]}: 1 contract changed, 1 with breaking changes.", text.Output, StringComparison.Ordinal);
        Assert.Contains("payments.payment-transactions.v1 (domains/payments/contracts/payment-transactions.odcs.yaml): changed, version 1.5.1 → 1.6.0", text.Output, StringComparison.Ordinal);
        Assert.Contains("Needs a new major version: it has breaking changes.", text.Output, StringComparison.Ordinal);
        Assert.Matches(@"breaking\s+property-removed\s+property 'payment_transactions\.method' is removed  \(base line \d+\)", text.Output);
        Assert.Equal(1, failing.ExitCode);
    }

    [Fact]
    public void Json_gives_every_change_with_its_rule_path_severity_and_spans()
    {
        using var repo = GitMeshRepository.FromFolder(RepositoryPaths.Template);
        TemplateEdits.RemovePaymentMethod(repo);
        var expectedLine = repo.Read(Payments).Split('\n').ToList().FindIndex(l => l.Contains("- name: status", StringComparison.Ordinal)) + 1;

        var run = CliRun.Of("diff", "--no-cache", "--repo", repo.Root, "--base", "HEAD", "--format", "json");

        Assert.True(run.ExitCode == 0, run.Error);
        using var document = JsonDocument.Parse(run.Output);
        var root = document.RootElement;
        Assert.Equal(JsonValueKind.Null, root.GetProperty("head").ValueKind);
        Assert.Equal("breaking", root.GetProperty("highestSeverity").GetString());
        var contract = Assert.Single(root.GetProperty("contracts").EnumerateArray());
        Assert.Equal(("payments.payment-transactions.v1", "changed", "none", "major", false),
            (contract.GetProperty("id").GetString(), contract.GetProperty("status").GetString(), contract.GetProperty("versionBump").GetString(),
             contract.GetProperty("requiredBump").GetString(), contract.GetProperty("versionIsEnough").GetBoolean()));
        var change = Assert.Single(contract.GetProperty("changes").EnumerateArray());
        Assert.Equal("property-removed", change.GetProperty("rule").GetString());
        Assert.Equal("schema[payment_transactions].properties[method]", change.GetProperty("path").GetString());
        Assert.Equal("major", change.GetProperty("requires").GetString());
        Assert.Equal(Payments, change.GetProperty("base").GetProperty("file").GetString());
        Assert.True(change.GetProperty("base").GetProperty("line").GetInt32() > 0);
        Assert.True(change.GetProperty("head").GetProperty("line").GetInt32() < expectedLine, "a removal points at the properties that remain");
    }

    [Fact]
    public void Added_and_removed_contracts_render_as_markdown()
    {
        using var repo = GitMeshRepository.FromFolder(RepositoryPaths.Template);
        var baseCommit = repo.Git("rev-parse", "HEAD").Trim();
        repo.Branch("reshape");
        var refunds = repo.Read(Refunds);
        repo.Delete(Refunds);
        repo.Write("domains/payments/contracts/refunds-v2.odcs.yaml", refunds.Replace("id: payments.refunds.v1", "id: payments.refunds.v2", StringComparison.Ordinal));
        repo.Replace(Payments, "description: One row per payment attempt.", "description: One row per payment attempt, failed ones included.");
        var head = repo.Commit("Refunds v2");

        var run = CliRun.Of("diff", "--no-cache", "--repo", repo.Root, "--base", "main", "--head", "reshape", "--format", "markdown");

        Assert.True(run.ExitCode == 0, run.Error);
        Golden.AssertMatches("tests/MeshGovernance.Cli.Tests/golden/diff.md", run.Output.Replace(baseCommit[..12], "BASE", StringComparison.Ordinal).Replace(head[..12], "HEAD", StringComparison.Ordinal));
    }

    [Fact]
    public void No_contract_change_says_so_and_never_fails()
    {
        using var repo = GitMeshRepository.FromFolder(RepositoryPaths.Template);
        // The contract's file changes (a comment, keys in another order), the contract does not.
        repo.Replace(Payments, "version: 1.5.1\n", "version: 1.5.1 # reviewed\n");
        repo.Write("README.extra.md", "not a mesh file\n");

        var run = CliRun.Of("diff", "--no-cache", "--repo", repo.Root, "--base", "HEAD", "--fail-on", "info");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("to the working tree: no contract changes.", run.Output, StringComparison.Ordinal);
        Assert.Contains(" M " + Payments, repo.Git("status", "--porcelain"), StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_or_bad_arguments_name_the_option()
    {
        using var repo = GitMeshRepository.FromFolder(RepositoryPaths.Template);

        var noBase = CliRun.Of("diff", "--repo", repo.Root);
        var unknown = CliRun.Of("diff", "--no-cache", "--repo", repo.Root, "--base", "no-such-branch");
        var badFormat = CliRun.Of("diff", "--no-cache", "--repo", repo.Root, "--base", "HEAD", "--format", "sarif");

        Assert.Equal(2, noBase.ExitCode);
        Assert.StartsWith("error: --base:", noBase.Error, StringComparison.Ordinal);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("no-such-branch", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(2, badFormat.ExitCode);
        Assert.Contains("sarif", badFormat.Error, StringComparison.Ordinal);
    }
}
