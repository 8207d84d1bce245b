using System.Text.Json;
using MeshGovernance.Model.Diagnostics;

namespace MeshGovernance.Reports.Tests;

/// <summary>A policy about changes, in a check without one, is "not evaluated" in every report: never "passed", never a passing test.</summary>
public sealed class PullRequestOnlyReportTests
{
    [Fact]
    public void Every_format_says_not_evaluated_rather_than_passed()
    {
        var report = SampleReports.OfChangePolicyOutsidePullRequest();

        var text = new StringWriter();
        TextReportWriter.Write(text, report);
        Assert.Contains("0 policies evaluated (0 could not run, 1 for pull requests only, 0 disabled)", text.ToString(), StringComparison.Ordinal);

        var markdown = new StringWriter();
        MarkdownReportWriter.Write(markdown, report);
        Assert.Contains("not evaluated (pull requests only)", markdown.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("✅ passed |", markdown.ToString(), StringComparison.Ordinal);

        var json = new StringWriter();
        JsonReportWriter.Write(json, report);
        using var document = JsonDocument.Parse(json.ToString());
        var policy = document.RootElement.GetProperty("policies")[0];
        Assert.Equal("not-evaluated", policy.GetProperty("status").GetString());
        Assert.Equal(0, policy.GetProperty("passed").GetInt32());

        var junit = new StringWriter();
        JunitReportWriter.Write(junit, report);
        Assert.DoesNotContain("contract-version-bump", junit.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_change_policy_that_reported_anyway_is_counted_as_evaluated_everywhere()
    {
        var finding = new Diagnostic("contract-version-bump", DiagnosticLevel.Error, "Reported without a change.",
            new SourceSpan("domains/sales/contracts/orders.odcs.yaml", 3, 1, 3, 5), "sales.orders.v1", new PolicyAttribution("contract-version-bump", Enforcement.SoftMandatory));
        var report = SampleReports.OfChangePolicyOutsidePullRequest(finding);

        var text = new StringWriter();
        TextReportWriter.Write(text, report);
        Assert.Contains("1 policy evaluated (0 could not run, 0 disabled)", text.ToString(), StringComparison.Ordinal);
        var json = new StringWriter();
        JsonReportWriter.Write(json, report);
        using var document = JsonDocument.Parse(json.ToString());
        Assert.Equal("failed", document.RootElement.GetProperty("policies")[0].GetProperty("status").GetString());
    }
}
