using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Testing;

namespace MeshGovernance.Reports.Tests;

public class MarkdownReportWriterTests
{
    [Fact]
    public void Markdown_summary_of_a_check_matches_the_golden_file()
    {
        Golden.AssertMatches("tests/MeshGovernance.Reports.Tests/golden/check.md", Render(SampleReports.Check()));
    }

    [Fact]
    public void Heading_says_whether_the_check_passed()
    {
        var warning = SampleReports.Finding("sales.orders", "Short description.", level: DiagnosticLevel.Warning);
        var notice = SampleReports.Finding("sales.orders", "No tags.", level: DiagnosticLevel.Notice);

        Assert.StartsWith("## ❌ meshgov: 5 blocking findings\n", Render(SampleReports.Check()));
        Assert.StartsWith("## ⚠️ meshgov: passed with 1 warning\n", Render(SampleReports.OfPolicy(["sales.orders"], warning, notice)));
        Assert.StartsWith("## ✅ meshgov: passed\n", Render(SampleReports.OfPolicy(["sales.orders"], notice)));
        Assert.StartsWith("## ✅ meshgov: passed\n", Render(new CheckReport([], [], 2)));
    }

    [Fact]
    public void Counts_line_sums_up_levels_waivers_policies_and_files()
    {
        var lines = Render(SampleReports.Check()).Split('\n');

        Assert.Equal("6 errors, 1 warning, 2 notices · **5 blocking** · 1 waived · 3 policies evaluated (1 could not run, 1 disabled) · 14 files", lines[2]);
    }

    [Fact]
    public void Blocking_findings_are_a_table_with_rule_subject_and_location()
    {
        var markdown = Render(SampleReports.Check());

        var table = Section(markdown, "### Blocking findings (5)");
        Assert.Equal(
            [
                "| error | contract-has-sla | finance.ledger.v2 | domains/finance/contracts/ledger.odcs.yaml:1 | Contract 'finance.ledger.v2' has no slaProperties; add at least availability and latency. |",
                "| error | product-has-owner | marketing.campaigns | domains/marketing/products/campaigns.odps.yaml:8 | Data product 'marketing.campaigns' names the owner team 'growth-team', which does not exist in teams/. |",
                "| error | MG1106 | sales.orders.v1 | domains/sales/contracts/orders.odcs.yaml:41 | servers\\[0\\] is missing the required property 'host' (required when type is 'postgres'). |",
                "| error | MG1012 |  | domains/sales/notes 2024.txt:1 | The loader does not know what 'domains/sales/notes 2024.txt' is. |",
                "| error | MG1304 | pii-columns-classified | governance/policies/pii-columns-classified.csx:1 | Policy 'pii-columns-classified': it ran longer than 5 seconds. Its findings are discarded; the other policies ran. |",
            ],
            table.Where(l => l.StartsWith("| error", StringComparison.Ordinal)));
    }

    [Fact]
    public void Waived_findings_show_the_justification_approver_and_expiry()
    {
        var waived = Section(Render(SampleReports.Check()), "<summary>Waived findings (1)</summary>");

        var row = Assert.Single(waived, l => l.StartsWith("| contract-has-sla", StringComparison.Ordinal));
        Assert.EndsWith("| The SLA is negotiated with the finance team; the contract is renewed in Q3. | governance-board | 2025-07-10 |", row);
    }

    [Fact]
    public void Policies_table_gives_each_policy_its_result()
    {
        var rows = Section(Render(SampleReports.Check()), "<summary>Policies (5)</summary>").Where(l => l.StartsWith("| ", StringComparison.Ordinal)).Skip(1).ToList();

        Assert.Equal(
            [
                "| product-has-owner | hard-mandatory | ownership | ❌ 1 failing subject |",
                "| contract-has-sla | soft-mandatory | reliability | ❌ 1 failing subject (1 waived) |",
                "| product-has-description | advisory | discoverability | ✅ passed (2 non-blocking findings) |",
                "| pii-columns-classified | soft-mandatory | privacy | ⚠️ did not run (MG1304) |",
                "| contract-has-examples | advisory | documentation | disabled |",
            ],
            rows);
    }

    [Fact]
    public void Text_from_the_repository_cannot_break_the_table_or_inject_html_or_links()
    {
        const string message = "Value 'a|b' is <script>alert(1)</script> with `code`, *stars*, _under_, [link](https://evil.example), ~~gone~~, $x$ and \\| and a\nnew line | forged | row |";
        var finding = SampleReports.Finding("sales.<b>orders</b>", message);

        var markdown = Render(SampleReports.OfPolicy(["sales.orders"], finding));

        var row = Assert.Single(markdown.Split('\n'), l => l.StartsWith("| error", StringComparison.Ordinal));
        Assert.Equal(6, CellSeparators(row));
        Assert.DoesNotContain("<script>", markdown);
        Assert.DoesNotContain("<b>", markdown);
        Assert.DoesNotContain("https://evil", markdown);
        Assert.DoesNotContain("](", markdown.Replace("\\](", string.Empty));
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", row);
        Assert.Contains("Value 'a\\|b' is", row);
        Assert.Contains("\\`code\\`, \\*stars\\*, \\_under\\_, \\[link\\](https&#58;//evil.example), \\~\\~gone\\~\\~, \\$x\\$ and \\\\\\| and a new line \\| forged \\| row \\|", row);
    }

    [Fact]
    public void Each_table_stops_at_200_rows_with_a_line_about_the_rest()
    {
        var subjects = Enumerable.Range(1, 250).Select(i => $"sales.product{i:000}").ToList();
        var findings = subjects.Select(s => SampleReports.Finding(s, $"Data product '{s}' names no owner team.")).ToArray();

        var markdown = Render(SampleReports.OfPolicy(subjects, findings));

        var table = Section(markdown, "### Blocking findings (250)");
        Assert.Equal(MarkdownReportWriter.MaxTableRows, table.Count(l => l.StartsWith("| error", StringComparison.Ordinal)));
        var more = Array.IndexOf(table, "… and 50 more (see the full report).");
        Assert.True(more > 0, "the line about the other 50 findings is missing");
        Assert.Equal(string.Empty, table[more - 1]);
        Assert.Contains("| error | product-has-owner | sales.product200 |", markdown);
        Assert.DoesNotContain("sales.product201", markdown);
    }

    private static string Render(CheckReport report)
    {
        var output = new StringWriter();
        MarkdownReportWriter.Write(output, report);
        return output.ToString();
    }

    /// <summary>The lines from a heading or summary up to the next heading or end of a details block.</summary>
    private static string[] Section(string markdown, string start)
    {
        var lines = markdown.Split('\n');
        var first = Array.IndexOf(lines, start);
        Assert.True(first >= 0, $"'{start}' is missing");
        var end = Array.FindIndex(lines, first + 1, l => l.StartsWith('#') || l.StartsWith("</details>", StringComparison.Ordinal) || l.StartsWith("<details>", StringComparison.Ordinal));
        return lines[(first + 1)..(end < 0 ? lines.Length : end)];
    }

    /// <summary>The pipes of a table row that separate cells: those not escaped with a backslash.</summary>
    private static int CellSeparators(string row)
    {
        var count = 0;
        for (var i = 0; i < row.Length; i++)
        {
            if (row[i] == '\\')
            {
                i++;
            }
            else if (row[i] == '|')
            {
                count++;
            }
        }

        return count;
    }
}

public sealed class MarkdownMentionTests
{
    [Fact]
    public void A_value_that_names_a_person_or_a_url_neither_mentions_nor_links()
    {
        var finding = MeshGovernance.Model.Diagnostics.DiagnosticCatalog.UnknownFile.Create(
            MeshGovernance.Model.Diagnostics.SourceSpan.StartOf("domains/x.txt"), "Ask @octocat or see https://evil.example/x.");
        var output = new StringWriter();

        MarkdownReportWriter.Write(output, new CheckReport([finding], [], 1));

        Assert.Contains("Ask &#64;octocat or see https&#58;//evil.example/x.", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("@octocat", output.ToString(), StringComparison.Ordinal);
    }
}
