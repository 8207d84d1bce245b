using MeshGovernance.Results;
using MeshGovernance.Testing;

namespace MeshGovernance.Policies.Tests;

/// <summary>A policy about changes (<c>pullRequestOnly: true</c>) is "not evaluated" outside a pull request, never "passed".</summary>
public sealed class PullRequestOnlyTests
{
    [Fact]
    public void Outside_a_pull_request_a_change_policy_is_not_evaluated_and_judges_no_subject()
    {
        using var repo = TempMeshRepository.Valid();
        var result = PolicyHarness.Check(repo, null,
            ("about-changes", PolicyHarness.Script("about-changes", "if (Change is null) { return; }", extraMetadata: "// pullRequestOnly: true\n")),
            ("about-the-mesh", PolicyHarness.Script("about-the-mesh", "if (Change is null) { return; }")));

        var verdicts = PolicyVerdicts.Of(result.Policies, result.Diagnostics).ToDictionary(v => v.Id);
        Assert.Equal(PolicyStatus.NotEvaluated, verdicts["about-changes"].Status);
        Assert.Empty(verdicts["about-changes"].Subjects);
        Assert.Equal(PolicyStatus.Passed, verdicts["about-the-mesh"].Status);
        Assert.NotEmpty(verdicts["about-the-mesh"].Subjects);
    }

    [Fact]
    public void A_change_policy_that_reports_anyway_keeps_its_findings()
    {
        using var repo = TempMeshRepository.Valid();
        var result = PolicyHarness.Check(repo, null,
            ("about-changes", PolicyHarness.Script("about-changes", "foreach (var c in Mesh.Contracts) Fail(c, \"id\", \"Reported without a change.\");", extraMetadata: "// pullRequestOnly: true\n")));

        var verdict = Assert.Single(PolicyVerdicts.Of(result.Policies, result.Diagnostics));
        Assert.Equal(PolicyStatus.Failed, verdict.Status);
        Assert.Contains(result.Diagnostics, d => d.Id == "about-changes");
    }

    [Fact]
    public void PullRequestOnly_takes_true_or_false_and_says_so_at_its_line()
    {
        using var repo = TempMeshRepository.Valid();
        var result = PolicyHarness.Check(repo, null,
            ("about-changes", PolicyHarness.Script("about-changes", "", extraMetadata: "// pullRequestOnly: yes\n")));

        var error = Assert.Single(result.Diagnostics, d => d.Id == "MG1301");
        Assert.Contains("'pullRequestOnly' is true or false, not 'yes'", error.Message, StringComparison.Ordinal);
        Assert.Equal(("governance/policies/about-changes.csx", 7, 21), (error.File, error.Line, error.Column));
    }
}
