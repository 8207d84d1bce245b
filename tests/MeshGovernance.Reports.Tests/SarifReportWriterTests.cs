using System.Text.Json;
using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Policies.BuiltIn;
using MeshGovernance.Testing;

namespace MeshGovernance.Reports.Tests;

public class SarifReportWriterTests
{
    [Fact]
    public void Sarif_log_of_a_check_matches_the_golden_file()
    {
        var output = new StringWriter();

        SarifReportWriter.Write(output, SampleReports.Check(), "0.0.0-golden");

        Golden.AssertMatches("tests/MeshGovernance.Reports.Tests/golden/check.sarif", output.ToString());
    }

    [Fact]
    public void Sarif_log_is_version_2_1_0_with_one_meshgov_run_of_the_running_version()
    {
        using var log = Parse(SampleReports.Check());

        var root = log.RootElement;
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        Assert.Equal(SarifReportWriter.SchemaUri, root.GetProperty("$schema").GetString());
        var run = Assert.Single(root.GetProperty("runs").EnumerateArray());
        var driver = run.GetProperty("tool").GetProperty("driver");
        Assert.Equal("meshgov", driver.GetProperty("name").GetString());
        Assert.False(driver.TryGetProperty("informationUri", out _), "no project page exists yet to point at");
        Assert.Equal(SarifReportWriter.ToolVersion, driver.GetProperty("semanticVersion").GetString());
        Assert.Matches(@"^\d+\.\d+\.\d+", SarifReportWriter.ToolVersion);
        Assert.Equal(SampleReports.Check().Diagnostics.Count, run.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public void Every_result_names_its_rule_by_id_and_by_index()
    {
        using var log = Parse(SampleReports.Check());

        var run = log.RootElement.GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(rules.Count, rules.Select(r => r.GetProperty("id").GetString()).Distinct().Count());
        Assert.All(run.GetProperty("results").EnumerateArray(), result =>
        {
            var index = result.GetProperty("ruleIndex").GetInt32();
            Assert.InRange(index, 0, rules.Count - 1);
            Assert.Equal(result.GetProperty("ruleId").GetString(), rules[index].GetProperty("id").GetString());
            Assert.False(string.IsNullOrEmpty(result.GetProperty("message").GetProperty("text").GetString()));
            Assert.Contains(result.GetProperty("level").GetString(), new[] { "error", "warning", "note" });
        });
    }

    [Fact]
    public void Rules_describe_each_enabled_policy_and_each_diagnostic_id_that_occurs()
    {
        using var log = Parse(SampleReports.Check());

        var rules = log.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules")
            .EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!);
        Assert.Equal(
            [SampleReports.HardMandatory, SampleReports.SoftMandatory, SampleReports.Advisory, SampleReports.TimedOut, "MG1012", "MG1106", "MG1304", "MG1405"],
            rules.Keys);
        Assert.All(rules.Values, rule =>
        {
            Assert.False(string.IsNullOrWhiteSpace(rule.GetProperty("shortDescription").GetProperty("text").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(rule.GetProperty("fullDescription").GetProperty("text").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(rule.GetProperty("help").GetProperty("text").GetString()));
        });

        var owner = rules[SampleReports.HardMandatory];
        Assert.Equal("Every data product names an owner team that exists", owner.GetProperty("shortDescription").GetProperty("text").GetString());
        Assert.Equal("error", owner.GetProperty("defaultConfiguration").GetProperty("level").GetString());
        Assert.Equal("hard-mandatory", owner.GetProperty("properties").GetProperty("enforcement").GetString());
        Assert.Equal("ownership", owner.GetProperty("properties").GetProperty("category").GetString());
        Assert.Contains(BuiltInPolicies.HelpPage(SampleReports.HardMandatory)!.Trim(), owner.GetProperty("help").GetProperty("markdown").GetString());
        Assert.False(owner.TryGetProperty("helpUri", out _));

        Assert.Equal("https://wiki.example.com/governance/sla", rules[SampleReports.SoftMandatory].GetProperty("helpUri").GetString());
        Assert.Equal("note", rules[SampleReports.Advisory].GetProperty("defaultConfiguration").GetProperty("level").GetString());
        Assert.Equal(DiagnosticCatalog.SchemaConditional.Title, rules["MG1106"].GetProperty("shortDescription").GetProperty("text").GetString());
        Assert.Equal(DiagnosticCatalog.SchemaConditional.Help, rules["MG1106"].GetProperty("help").GetProperty("text").GetString());
    }

    [Fact]
    public void An_id_nothing_describes_still_gets_a_rule()
    {
        var finding = new Diagnostic("MG9001", DiagnosticLevel.Warning, "Something new.", SourceSpan.At("mesh.yaml", 2, 1));

        using var log = Parse(new CheckReport([finding], [], 1));

        var run = log.RootElement.GetProperty("runs")[0];
        var rule = Assert.Single(run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray());
        Assert.Equal("MG9001", rule.GetProperty("id").GetString());
        Assert.Equal(0, run.GetProperty("results")[0].GetProperty("ruleIndex").GetInt32());
    }

    [Fact]
    public void Regions_are_one_based_and_never_empty_or_inverted()
    {
        Diagnostic[] odd =
        [
            DiagnosticCatalog.EmptyFile.Create(new SourceSpan("teams/zero.yaml", 0, 0, 0, 0), "Zero positions."),
            DiagnosticCatalog.EmptyFile.Create(new SourceSpan("teams/inverted.yaml", 5, 10, 3, 2), "End before start."),
            DiagnosticCatalog.EmptyFile.Create(SourceSpan.At("teams/point.yaml", 7, 4), "A point."),
            DiagnosticCatalog.EmptyFile.Create(new SourceSpan("teams/lines.yaml", 2, 9, 4, 1), "Over several lines."),
        ];
        var report = SampleReports.Check();

        using var log = Parse(report with { Diagnostics = [.. report.Diagnostics, .. odd] });

        var regions = log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region"))
            .Select(r => (Start: (r.GetProperty("startLine").GetInt32(), r.GetProperty("startColumn").GetInt32()), End: (r.GetProperty("endLine").GetInt32(), r.GetProperty("endColumn").GetInt32())))
            .ToList();
        Assert.All(regions, region =>
        {
            Assert.True(region.Start.Item1 >= 1 && region.Start.Item2 >= 1 && region.End.Item2 >= 1, $"{region} has a zero position");
            Assert.True(region.End.Item1 > region.Start.Item1 || (region.End.Item1 == region.Start.Item1 && region.End.Item2 > region.Start.Item2), $"{region} is empty or inverted");
        });
        Assert.Equal(((1, 1), (1, 2)), regions[^4]);
        Assert.Equal(((5, 10), (5, 11)), regions[^3]);
        Assert.Equal(((7, 4), (7, 5)), regions[^2]);
        Assert.Equal(((2, 9), (4, 1)), regions[^1]);
    }

    [Fact]
    public void Waived_findings_carry_an_accepted_external_suppression_with_the_waiver()
    {
        var report = SampleReports.Check();

        using var log = Parse(report);

        var results = log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        for (var i = 0; i < results.Count; i++)
        {
            var waived = report.Diagnostics[i].Policy?.Waived == true;
            Assert.Equal(waived, results[i].TryGetProperty("suppressions", out _));
        }

        var suppression = Assert.Single(results.Single(r => r.TryGetProperty("suppressions", out _)).GetProperty("suppressions").EnumerateArray());
        Assert.Equal("external", suppression.GetProperty("kind").GetString());
        Assert.Equal("accepted", suppression.GetProperty("status").GetString());
        var justification = suppression.GetProperty("justification").GetString()!;
        Assert.Contains(SampleReports.SlaWaiver.Justification, justification);
        Assert.Contains("approved by governance-board until 2025-07-10", justification);
        Assert.Equal("governance/waivers.yaml", suppression.GetProperty("location").GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
    }

    [Fact]
    public void Paths_stay_repo_relative_and_are_percent_encoded_per_segment()
    {
        var odd = DiagnosticCatalog.UnknownFile.Create(SourceSpan.StartOf("domains/a#b/100% ü?.yaml"), "Odd name.");
        var report = SampleReports.Check();

        using var log = Parse(report with { Diagnostics = [.. report.Diagnostics, odd] });

        var locations = log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation"))
            .ToList();
        Assert.All(locations, l => Assert.Equal("%SRCROOT%", l.GetProperty("uriBaseId").GetString()));
        var uris = locations.Select(l => l.GetProperty("uri").GetString()).ToList();
        Assert.Contains("domains/sales/notes%202024.txt", uris);
        Assert.Contains("domains/sales/contracts/orders.odcs.yaml", uris);
        Assert.Equal("domains/a%23b/100%25%20%C3%BC%3F.yaml", uris[^1]);
        Assert.True(log.RootElement.GetProperty("runs")[0].GetProperty("originalUriBaseIds").TryGetProperty("%SRCROOT%", out _));
    }

    [Fact]
    public void Fingerprints_follow_a_finding_when_it_moves_and_tell_findings_apart()
    {
        var here = SampleReports.Finding("sales.orders", "No owner.", new SourceSpan("domains/sales/products/orders.odps.yaml", 4, 1, 4, 5));
        var movedDown = here with { Span = new SourceSpan("domains/sales/products/orders.odps.yaml", 19, 3, 19, 7) };
        var otherSubject = here with { Subject = "sales.returns" };
        var otherMessage = here with { Message = "No owner at all." };

        var fingerprints = Fingerprints(SampleReports.OfPolicy(["sales.orders", "sales.returns"], here, otherSubject, otherMessage, here));
        var moved = Fingerprints(SampleReports.OfPolicy(["sales.orders", "sales.returns"], movedDown));

        Assert.Equal(fingerprints[0], moved[0]);
        Assert.Matches("^[0-9a-f]{16}:1$", fingerprints[0]);
        Assert.Equal(4, fingerprints.Distinct().Count());
        Assert.Equal(fingerprints[0][..^1] + "2", fingerprints[3]);
    }

    [Fact]
    public void A_validation_without_policies_lists_only_the_diagnostic_rules()
    {
        var findings = SampleReports.Check().Diagnostics.Where(d => d.Policy is null).ToList();

        using var log = Parse(new CheckReport(findings, [], 9));

        var rules = log.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules")
            .EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Equal(["MG1012", "MG1106", "MG1405"], rules);
    }

    [Fact]
    public void A_clean_check_has_an_empty_results_array()
    {
        using var log = Parse(SampleReports.OfPolicy(["sales.orders"]));

        var run = log.RootElement.GetProperty("runs")[0];
        Assert.Equal(JsonValueKind.Array, run.GetProperty("results").ValueKind);
        Assert.Equal(0, run.GetProperty("results").GetArrayLength());
        Assert.Single(run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray());
    }

    private static JsonDocument Parse(CheckReport report)
    {
        var output = new StringWriter();
        SarifReportWriter.Write(output, report);
        return JsonDocument.Parse(output.ToString());
    }

    private static List<string> Fingerprints(CheckReport report)
    {
        using var log = Parse(report);
        return log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("partialFingerprints").GetProperty("primaryLocationLineHash").GetString()!)
            .ToList();
    }
}
