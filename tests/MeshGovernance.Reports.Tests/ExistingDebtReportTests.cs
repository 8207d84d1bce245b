using System.Text.Json;
using MeshGovernance.Testing;

namespace MeshGovernance.Reports.Tests;

/// <summary>How each format shows a pull request: what it was compared with, and findings that are existing debt.</summary>
public class ExistingDebtReportTests
{
    [Fact]
    public void Markdown_of_a_pull_request_matches_the_golden_file()
    {
        Golden.AssertMatches("tests/MeshGovernance.Reports.Tests/golden/check-pull-request.md", Render(ReportFormat.Markdown, SampleReports.PullRequest()));
    }

    [Fact]
    public void Existing_debt_does_not_block_and_is_counted_apart()
    {
        var report = SampleReports.PullRequest();

        Assert.Equal(2, report.Summary.Blocking);
        Assert.Equal(4, report.Summary.ExistingDebt);
        Assert.All(report.Diagnostics.Where(d => d.ExistingDebt), d => Assert.False(d.Blocking));
    }

    [Fact]
    public void Markdown_puts_existing_debt_in_its_own_collapsed_section_not_among_blocking_findings()
    {
        var markdown = Render(ReportFormat.Markdown, SampleReports.PullRequest());

        Assert.StartsWith("## ❌ meshgov: 2 blocking findings\n", markdown);
        Assert.Contains("<summary>Existing debt (4): on subjects this pull request does not touch, not blocking</summary>", markdown);
        var blocking = markdown[markdown.IndexOf("### Blocking findings", StringComparison.Ordinal)..markdown.IndexOf("<details>", StringComparison.Ordinal)];
        Assert.Contains("marketing.campaigns", blocking);
        Assert.DoesNotContain("finance.ledger.v2", blocking);
        Assert.Contains("Pull request by carol: 3 changed files, `4b825dc642cb`..`9f2c1e0a7d3b`, judged with the policies, waivers and settings of the base.", markdown);
    }

    [Fact]
    public void Text_marks_existing_debt_on_its_line_and_sums_up_the_change()
    {
        var lines = Render(ReportFormat.Text, SampleReports.PullRequest()).Split('\n');

        Assert.Contains(lines, l => l.StartsWith("domains/finance/contracts/ledger.odcs.yaml(1,1): error contract-has-sla:", StringComparison.Ordinal) && l.EndsWith(" [existing debt: not touched by this change]", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("campaigns.odps.yaml", StringComparison.Ordinal) && l.Contains("existing debt", StringComparison.Ordinal));
        Assert.Contains("Pull request by carol: 3 changed files, 4b825dc642cb..9f2c1e0a7d3b, judged with the policies of the base; 4 existing debt (not blocking).", lines);
    }

    [Fact]
    public void Json_has_the_change_and_flags_existing_debt()
    {
        using var json = JsonDocument.Parse(Render(ReportFormat.Json, SampleReports.PullRequest()));
        var root = json.RootElement;

        Assert.Equal(4, root.GetProperty("summary").GetProperty("existingDebt").GetInt32());
        Assert.Equal("carol", root.GetProperty("change").GetProperty("author").GetString());
        Assert.Equal("base", root.GetProperty("change").GetProperty("policiesFrom").GetString());
        var flagged = root.GetProperty("findings").EnumerateArray().Where(f => f.TryGetProperty("existingDebt", out var v) && v.GetBoolean()).Count();
        Assert.Equal(4, flagged);
    }

    [Fact]
    public void Sarif_gives_every_result_a_baseline_state_in_a_pull_request_and_none_otherwise()
    {
        using var pullRequest = JsonDocument.Parse(Render(ReportFormat.Sarif, SampleReports.PullRequest()));
        using var whole = JsonDocument.Parse(Render(ReportFormat.Sarif, SampleReports.Check()));

        var states = Results(pullRequest).Select(r => r.GetProperty("baselineState").GetString()).ToList();
        Assert.Equal(4, states.Count(s => s == "unchanged"));
        Assert.Equal(states.Count - 4, states.Count(s => s == "new"));
        Assert.All(Results(whole), r => Assert.False(r.TryGetProperty("baselineState", out _)));

        static IEnumerable<JsonElement> Results(JsonDocument sarif) => sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray();
    }

    private static string Render(ReportFormat format, CheckReport report)
    {
        var output = new StringWriter { NewLine = "\n" };
        ReportWriters.Write(format, output, report);
        return output.ToString();
    }
}
