using System.Xml.Linq;
using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Testing;

namespace MeshGovernance.Reports.Tests;

public class JunitReportWriterTests
{
    [Fact]
    public void Junit_report_of_a_check_matches_the_golden_file()
    {
        var output = new StringWriter();

        JunitReportWriter.Write(output, SampleReports.Check());

        Golden.AssertMatches("tests/MeshGovernance.Reports.Tests/golden/check.junit.xml", output.ToString());
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", output.ToString());
    }

    [Fact]
    public void Counts_on_every_suite_and_on_the_root_agree_with_the_test_cases()
    {
        var root = Parse(SampleReports.Check()).Root!;

        var suites = root.Elements("testsuite").ToList();
        Assert.All(suites, suite => AssertCounts(suite, suite.Elements("testcase").ToList()));
        AssertCounts(root, suites.SelectMany(s => s.Elements("testcase")).ToList());
        Assert.Equal(
            ("11", "4", "1", "1"),
            ((string)root.Attribute("tests")!, (string)root.Attribute("failures")!, (string)root.Attribute("errors")!, (string)root.Attribute("skipped")!));
    }

    [Fact]
    public void A_suite_per_enabled_policy_follows_the_validation_suite()
    {
        var suites = Parse(SampleReports.Check()).Root!.Elements("testsuite").Select(s => (string)s.Attribute("name")!).ToList();

        Assert.Equal(["validation", SampleReports.HardMandatory, SampleReports.SoftMandatory, SampleReports.Advisory, SampleReports.TimedOut], suites);
    }

    [Fact]
    public void Each_subject_fails_on_a_blocking_finding_is_skipped_when_waived_and_passes_otherwise()
    {
        var cases = Cases(Parse(SampleReports.Check()));

        var failing = cases[(SampleReports.HardMandatory, "marketing.campaigns")];
        var failure = failing.Element("failure")!;
        Assert.StartsWith("Data product 'marketing.campaigns' names the owner team", (string)failure.Attribute("message")!);
        Assert.Contains("domains/marketing/products/campaigns.odps.yaml:8:3: error product-has-owner:", failure.Value);
        Assert.False(cases[(SampleReports.HardMandatory, "sales.orders")].HasElements);

        Assert.NotNull(cases[(SampleReports.SoftMandatory, "finance.ledger.v2")].Element("failure"));
        var skipped = cases[(SampleReports.SoftMandatory, "sales.orders.v1")].Element("skipped")!;
        Assert.Equal("waived: The SLA is negotiated with the finance team; the contract is renewed in Q3. (approved by governance-board until 2025-07-10)", (string)skipped.Attribute("message")!);
        Assert.False(cases[(SampleReports.SoftMandatory, "sales.returns.v1")].HasElements);

        var advised = cases[(SampleReports.Advisory, "marketing.campaigns")];
        Assert.Null(advised.Element("failure"));
        Assert.Contains("warning product-has-description: Data product 'marketing.campaigns' has a description", advised.Element("system-out")!.Value);
        Assert.Contains("notice product-has-description:", cases[(SampleReports.Advisory, "sales.orders")].Element("system-out")!.Value);
    }

    [Fact]
    public void A_policy_that_did_not_run_is_one_errored_case_with_its_engine_diagnostic()
    {
        var suite = Parse(SampleReports.Check()).Root!.Elements("testsuite").Single(s => (string)s.Attribute("name")! == SampleReports.TimedOut);

        var only = Assert.Single(suite.Elements("testcase"));
        Assert.Equal("(policy)", (string)only.Attribute("name")!);
        var error = only.Element("error")!;
        Assert.Equal("MG1304", (string)error.Attribute("type")!);
        Assert.StartsWith($"Policy '{SampleReports.TimedOut}': it ran longer than 5 seconds.", (string)error.Attribute("message")!);
        Assert.Contains("governance/policies/pii-columns-classified.csx:1:1: error MG1304:", error.Value);
    }

    [Fact]
    public void Validation_suite_has_a_case_per_file_with_diagnostics_outside_the_policies()
    {
        var validation = Parse(SampleReports.Check()).Root!.Elements("testsuite").First();

        var cases = validation.Elements("testcase").ToDictionary(c => (string)c.Attribute("name")!);
        Assert.Equal(["domains/sales/contracts/orders.odcs.yaml", SampleReports.UnknownFile, "governance/waivers.yaml"], cases.Keys);
        Assert.Equal("MG1106", (string)cases["domains/sales/contracts/orders.odcs.yaml"].Element("failure")!.Attribute("type")!);
        Assert.DoesNotContain("contract-has-sla", cases["domains/sales/contracts/orders.odcs.yaml"].Element("failure")!.Value);
        Assert.NotNull(cases[SampleReports.UnknownFile].Element("failure"));
        Assert.Null(cases["governance/waivers.yaml"].Element("failure"));
        Assert.Contains("notice MG1405:", cases["governance/waivers.yaml"].Element("system-out")!.Value);
    }

    [Fact]
    public void A_clean_validation_is_one_passing_case()
    {
        var root = Parse(new CheckReport([], [], 4)).Root!;

        var suite = Assert.Single(root.Elements("testsuite"));
        var only = Assert.Single(suite.Elements("testcase"));
        Assert.Equal("all files valid", (string)only.Attribute("name")!);
        Assert.False(only.HasElements);
        Assert.Equal("0", (string)root.Attribute("failures")!);
    }

    [Fact]
    public void Control_characters_in_a_message_do_not_break_the_xml()
    {
        const string message = "Property 'a\u0001b\u0000c\u001b[31m' is\nnot allowed \uFFFE\uD800 here <&> \"ok\" 😀.";
        var finding = DiagnosticCatalog.SchemaUnknownProperty.Create(SourceSpan.At("teams/a.yaml", 2, 1), message);
        var output = new StringWriter();

        JunitReportWriter.Write(output, new CheckReport([finding], [], 1));

        var failure = XDocument.Parse(output.ToString()).Root!.Element("testsuite")!.Element("testcase")!.Element("failure")!;
        var text = (string)failure.Attribute("message")!;
        Assert.Equal("Property 'abc[31m' is not allowed  here <&> \"ok\" 😀.", text);
        Assert.DoesNotContain(failure.Value, char.IsControl);
        Assert.Single(failure.Value.Split('\n'));
    }

    [Fact]
    public void Findings_on_a_subject_outside_the_policy_scope_still_appear()
    {
        var stray = SampleReports.Finding("sales.unknown", "Stray.");
        var unnamed = SampleReports.Finding("ignored", "About nothing in particular.") with { Subject = null };

        var cases = Cases(Parse(SampleReports.OfPolicy(["sales.orders"], stray, unnamed)));

        Assert.Equal(
            [(SampleReports.HardMandatory, "sales.orders"), (SampleReports.HardMandatory, "sales.unknown"), (SampleReports.HardMandatory, "(no subject)")],
            cases.Keys.Where(k => k.Suite != "validation"));
        Assert.NotNull(cases[(SampleReports.HardMandatory, "(no subject)")].Element("failure"));
    }

    private static void AssertCounts(XElement suite, IReadOnlyList<XElement> cases)
    {
        var name = (string?)suite.Attribute("name");
        Assert.True(cases.Count == (int)suite.Attribute("tests")!, $"tests of {name}");
        Assert.True(cases.Count(c => c.Element("failure") is not null) == (int)suite.Attribute("failures")!, $"failures of {name}");
        Assert.True(cases.Count(c => c.Element("error") is not null) == (int)suite.Attribute("errors")!, $"errors of {name}");
        Assert.True(cases.Count(c => c.Element("skipped") is not null) == (int)suite.Attribute("skipped")!, $"skipped of {name}");
    }

    private static XDocument Parse(CheckReport report)
    {
        var output = new StringWriter();
        JunitReportWriter.Write(output, report);
        return XDocument.Parse(output.ToString());
    }

    private static Dictionary<(string Suite, string Case), XElement> Cases(XDocument document) => document.Root!
        .Elements("testsuite")
        .SelectMany(s => s.Elements("testcase"))
        .ToDictionary(c => ((string)c.Attribute("classname")!, (string)c.Attribute("name")!));
}
