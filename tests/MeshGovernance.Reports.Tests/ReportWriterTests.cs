using System.Text.Json;
using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Testing;

namespace MeshGovernance.Reports.Tests;

public class ReportWriterTests
{
    private static readonly Diagnostic[] Findings =
    [
        DiagnosticCatalog.SchemaConditional.Create(new SourceSpan("domains/sales/contracts/orders.odcs.yaml", 41, 7, 41, 20), "servers[0] is missing the required property 'host' (required when type is 'postgres').", "sales.orders.v1"),
        DiagnosticCatalog.UnknownFile.Create(SourceSpan.StartOf("domains/notes.txt"), "The loader does not know what 'domains/notes.txt' is."),
        new Diagnostic("MG9001", DiagnosticLevel.Warning, "A warning with \"quotes\" and <angle> brackets.", new SourceSpan("mesh.yaml", 3, 1, 3, 5)),
    ];

    [Fact]
    public void Text_report_is_compiler_style_lines_then_a_summary()
    {
        var output = new StringWriter();

        TextReportWriter.Write(output, new CheckReport(Findings, [], 12));

        Golden.AssertMatches("tests/MeshGovernance.Reports.Tests/golden/report.txt", output.ToString());
    }

    [Fact]
    public void Text_report_keeps_each_finding_on_one_line_whatever_the_message_quotes()
    {
        var output = new StringWriter();
        var forged = DiagnosticCatalog.SchemaUnknownProperty.Create(SourceSpan.At("teams/a.yaml", 2, 1), "Property 'x\n::error file=mesh.yaml::forged' is not allowed.");

        TextReportWriter.Write(output, new CheckReport([forged], [], 1));

        var lines = output.ToString().Split(Environment.NewLine);
        Assert.Equal(@"teams/a.yaml(2,1): error MG1102: Property 'x\n::error file=mesh.yaml::forged' is not allowed.", lines[0]);
        Assert.DoesNotContain(lines, l => l.StartsWith("::", StringComparison.Ordinal));
    }

    [Fact]
    public void Text_report_of_a_clean_mesh_is_only_the_summary()
    {
        var output = new StringWriter();

        TextReportWriter.Write(output, new CheckReport([], [], 1));

        Assert.Equal("0 errors, 0 warnings, 0 notices in 1 file." + Environment.NewLine, output.ToString());
    }

    [Fact]
    public void Json_report_has_a_summary_and_findings_with_positions_and_subjects()
    {
        var output = new StringWriter();

        JsonReportWriter.Write(output, new CheckReport(Findings, [], 12));

        Golden.AssertMatches("tests/MeshGovernance.Reports.Tests/golden/report.json", output.ToString());
        using var document = JsonDocument.Parse(output.ToString());
        var root = document.RootElement;
        Assert.Equal(2, root.GetProperty("summary").GetProperty("error").GetInt32());
        Assert.Equal(1, root.GetProperty("summary").GetProperty("warning").GetInt32());
        var first = root.GetProperty("findings")[0];
        Assert.Equal(("MG1106", "error", 41, 7, "sales.orders.v1"), (first.GetProperty("id").GetString(), first.GetProperty("level").GetString(), first.GetProperty("line").GetInt32(), first.GetProperty("column").GetInt32(), first.GetProperty("subject").GetString()));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("findings")[1].GetProperty("subject").ValueKind);
    }

    [Fact]
    public void Diagnostics_page_in_docs_matches_the_catalog()
    {
        Golden.AssertMatches("docs/diagnostics.md", DiagnosticReferenceWriter.ToMarkdown(DiagnosticCatalog.All));
    }

    [Fact]
    public void Every_diagnostic_id_is_unique_well_formed_and_documented()
    {
        Assert.Equal(DiagnosticCatalog.All.Count, DiagnosticCatalog.All.Select(d => d.Id).Distinct().Count());
        Assert.All(DiagnosticCatalog.All, d =>
        {
            Assert.Matches("^MG[0-9]{4}$", d.Id);
            Assert.False(string.IsNullOrWhiteSpace(d.Title));
            Assert.True(d.Help.Length > 40, $"{d.Id} needs a help text that says what to do");
        });
    }
}
