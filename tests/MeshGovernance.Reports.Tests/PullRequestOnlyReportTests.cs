using System.Text.Json;

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
}
