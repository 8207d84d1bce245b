using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Testing;

namespace MeshGovernance.GitHub.Tests;

/// <summary>The Markdown a pull request reads, against golden files (refresh: MESHGOV_UPDATE_GOLDEN=1 dotnet test, then review the diff).</summary>
public sealed class CheckSummaryMarkdownTests
{
    private static readonly Uri BlobUrl = new("https://github.com/acme/mesh/blob/1234567890abcdef1234567890abcdef12345678/");

    [Fact]
    public void TheSummaryMatchesItsGoldenFile()
    {
        var report = Reports.Of(Reports.Debt(), Reports.Waived(), Reports.Advisory(), Reports.Blocking(), Reports.WholeFile(), Reports.NoFile());

        Golden.AssertMatches("tests/MeshGovernance.GitHub.Tests/golden/summary.md", CheckSummaryMarkdown.Render(report, "meshgov", BlobUrl, ["Details: [check run](https://github.com/acme/mesh/runs/1)"]));
    }

    [Fact]
    public void AQuietReportSaysSo()
    {
        Golden.AssertMatches("tests/MeshGovernance.GitHub.Tests/golden/summary-passed.md", CheckSummaryMarkdown.Render(Reports.Of(), "meshgov", BlobUrl));
    }

    [Fact]
    public void RepositoryTextCannotBreakTheTableOrMentionAnyone()
    {
        var hostile = Reports.Blocking(file: "domains/x|y/../p.yaml", message: "ping @governance | <img src=x> [link](https://evil.example) `code`\nnew row");

        var markdown = CheckSummaryMarkdown.Render(Reports.Of(hostile), "meshgov", BlobUrl);

        var row = markdown.Split('\n').Single(l => l.Contains("ping", StringComparison.Ordinal));
        Assert.Equal(5, row.Split(" | ").Length);
        Assert.DoesNotContain("@governance", row);
        Assert.DoesNotContain("<img", row);
        Assert.DoesNotContain("https://evil", row);
        Assert.Contains("domains/x\\|y/../p.yaml:4", row);
        Assert.DoesNotContain("](https://github.com", row);
    }

    [Fact]
    public void TitlesCountWhatMatters()
    {
        Assert.Equal("2 blocking findings", CheckSummaryMarkdown.Title(Reports.Of(Reports.Blocking(), Reports.Blocking(line: 5), Reports.Advisory())));
        Assert.Equal("Passed: 2 findings, none blocking", CheckSummaryMarkdown.Title(Reports.Of(Reports.Waived(), Reports.Debt())));
        Assert.Equal("Passed: no findings", CheckSummaryMarkdown.Title(Reports.Of()));
        Assert.Equal(CheckConclusion.Neutral, CheckSummaryMarkdown.ConclusionOf(Reports.Of(new Diagnostic("MG1405", DiagnosticLevel.Notice, "soon", SourceSpan.StartOf("governance/waivers.yaml")))));
    }
}
