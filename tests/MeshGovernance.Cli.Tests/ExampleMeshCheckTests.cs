using MeshGovernance.Testing;

namespace MeshGovernance.Cli.Tests;

/// <summary>
/// The README's main job: the full pack over the example mesh, which keeps two deliberate findings: one
/// waived (a soft-mandatory SLA rule) and one advisory (a team without contact). Judged on a fixed day so
/// the waiver's expiry does not move the result.
/// </summary>
public sealed class ExampleMeshCheckTests
{
    [Fact]
    public void The_example_mesh_passes_with_one_waived_and_one_advisory_finding()
    {
        var run = CliRun.Of("check", "--repo", RepositoryPaths.Template, "--no-cache", "--today", "2026-11-22", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        var findings = run.Findings();
        Assert.Equal(2, findings.Count);
        var waived = Assert.Single(findings, f => f.GetProperty("waived").GetBoolean());
        Assert.Equal(("active-contract-has-sla", "marketing.customer-segments.v1", "soft-mandatory"), (waived.GetProperty("policy").GetString(), waived.GetProperty("subject").GetString(), waived.GetProperty("enforcement").GetString()));
        Assert.Equal("elena-petrova", waived.GetProperty("waiver").GetProperty("approvedBy").GetString());
        var advisory = Assert.Single(findings, f => f.GetProperty("enforcement").GetString() == "advisory");
        Assert.Equal(("team-has-contact", "notice", "teams/supply-chain.yaml"), (advisory.GetProperty("policy").GetString(), advisory.GetProperty("level").GetString(), advisory.GetProperty("file").GetString()));
    }

    [Fact]
    public void The_example_mesh_runs_its_organisation_policy_and_its_tests_pass()
    {
        var list = CliRun.Of("policy", "list", "--repo", RepositoryPaths.Template);
        var test = CliRun.Of("policy", "test", "--repo", RepositoryPaths.Template, "--no-builtin", "--no-cache");

        Assert.Contains(list.Output.Split('\n'), l => l.StartsWith("consent-for-customer-data ", StringComparison.Ordinal) && l.Contains("governance/policies/consent-for-customer-data.csx", StringComparison.Ordinal));
        Assert.Contains(list.Output.Split('\n'), l => l.StartsWith("product-owner-matches-domain ", StringComparison.Ordinal) && l.Contains("advisory", StringComparison.Ordinal));
        Assert.True(test.ExitCode == 0, test.Output);
        Assert.Contains("PASS: 3/3", test.Output, StringComparison.Ordinal);
    }
}
