using System.Globalization;
using System.Text;
using System.Xml;
using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Results;

namespace MeshGovernance.Reports;

/// <summary>
/// JUnit XML for CI test dashboards: a <c>validation</c> suite with a test case per file that has diagnostics,
/// then a suite per enabled policy with a test case per subject it judged. A subject fails on a blocking
/// finding, is skipped when waivers cover all its findings, and passes otherwise; a policy that could not run
/// is one errored test case.
/// </summary>
public static class JunitReportWriter
{
    private const string ValidationSuite = "validation";

    public static void Write(TextWriter output, CheckReport report)
    {
        var suites = new List<TestSuite> { ValidationSuiteOf(report) };
        suites.AddRange(PolicyVerdicts.Of(report.Policies, report.Diagnostics).Where(v => v.Status is not (PolicyStatus.Disabled or PolicyStatus.NotEvaluated)).Select(PolicySuiteOf));

        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false) };
        using (var stream = new TextWriterStream(output))
        using (var xml = XmlWriter.Create(stream, settings))
        {
            WriteDocument(xml, suites);
        }

        output.Write('\n');
    }

    private static TestSuite ValidationSuiteOf(CheckReport report)
    {
        var cases = PolicyFindings.OutsidePolicies(report)
            .GroupBy(d => d.File, StringComparer.Ordinal)
            .Select(file =>
            {
                var name = file.Key.Length > 0 ? file.Key : "(no file)";
                var firstBlocking = file.FirstOrDefault(d => d.Blocking);
                return firstBlocking is null
                    ? TestCase.Passed(ValidationSuite, name, Lines(file))
                    : new TestCase(ValidationSuite, name, Outcome.Failure, firstBlocking.Message, firstBlocking.Id, Lines(file), null);
            })
            .ToList();
        if (cases.Count == 0)
        {
            cases.Add(TestCase.Passed(ValidationSuite, "all files valid", null));
        }

        return new TestSuite(ValidationSuite, cases, [], null);
    }

    private static TestSuite PolicySuiteOf(PolicyVerdict verdict)
    {
        var policy = verdict.Policy;
        var id = policy.Metadata.Id;
        var properties = new List<(string, string)>
        {
            ("enforcement", policy.Metadata.Enforcement.ToName()),
            ("category", policy.Metadata.Category),
            ("source", policy.SourcePath),
        };
        if (verdict.Status == PolicyStatus.DidNotRun)
        {
            var reasons = verdict.EngineDiagnostics;
            var notRun = reasons.Count > 0
                ? new TestCase(id, "(policy)", Outcome.Error, reasons[0].Message, reasons[0].Id, Lines(reasons), null)
                : new TestCase(id, "(policy)", Outcome.Error, "The policy did not run.", null, null, null);
            return new TestSuite(id, [notRun], properties, policy.Duration);
        }

        var cases = verdict.Subjects.Select(outcome =>
        {
            var name = outcome.Subject ?? "(no subject)";
            if (outcome.Status == SubjectStatus.Failed)
            {
                var first = outcome.Findings.First(f => f.Blocking);
                return new TestCase(id, name, Outcome.Failure, first.Message, policy.Metadata.Enforcement.ToName(), Lines(outcome.Findings), null);
            }

            if (outcome.Status == SubjectStatus.Waived)
            {
                var waiver = outcome.Findings.First(f => f.Policy?.Waiver is not null).Policy!.Waiver!;
                var reason = $"waived: {waiver.Justification} (approved by {waiver.ApprovedBy} until {waiver.Expires})";
                return new TestCase(id, name, Outcome.Skipped, reason, null, null, Lines(outcome.Findings));
            }

            return TestCase.Passed(id, name, outcome.Findings.Count > 0 ? Lines(outcome.Findings) : null);
        }).ToList();
        return new TestSuite(id, cases, properties, policy.Duration);
    }

    /// <summary>One line per finding, <c>file:line:col: level id: message</c>, with the waiver that covers it.</summary>
    private static string Lines(IEnumerable<Diagnostic> findings) => string.Join('\n', findings.Select(f =>
        $"{f.File}:{f.Line}:{f.Column}: {f.Level.Name()} {f.Id}: {f.Message}{WaiverNote(f)}").Select(XmlLine));

    private static string WaiverNote(Diagnostic finding) => finding.Policy?.Waiver is { } waiver
        ? $" [waived until {waiver.Expires}, approved by {waiver.ApprovedBy}: {waiver.Justification}]"
        : string.Empty;

    private static void WriteDocument(XmlWriter xml, List<TestSuite> suites)
    {
        xml.WriteStartDocument();
        xml.WriteStartElement("testsuites");
        xml.WriteAttributeString("name", "meshgov");
        WriteCounts(xml, suites.SelectMany(s => s.Cases).ToList());
        foreach (var suite in suites)
        {
            xml.WriteStartElement("testsuite");
            xml.WriteAttributeString("name", XmlLine(suite.Name));
            WriteCounts(xml, suite.Cases);
            if (suite.Time is { } time)
            {
                xml.WriteAttributeString("time", time.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture));
            }

            if (suite.Properties.Count > 0)
            {
                xml.WriteStartElement("properties");
                foreach (var (name, value) in suite.Properties)
                {
                    xml.WriteStartElement("property");
                    xml.WriteAttributeString("name", name);
                    xml.WriteAttributeString("value", XmlLine(value));
                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
            }

            foreach (var testCase in suite.Cases)
            {
                WriteCase(xml, testCase);
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void WriteCounts(XmlWriter xml, IReadOnlyList<TestCase> cases)
    {
        xml.WriteAttributeString("tests", Count(cases.Count));
        xml.WriteAttributeString("failures", Count(cases.Count(c => c.Outcome == Outcome.Failure)));
        xml.WriteAttributeString("errors", Count(cases.Count(c => c.Outcome == Outcome.Error)));
        xml.WriteAttributeString("skipped", Count(cases.Count(c => c.Outcome == Outcome.Skipped)));
    }

    private static string Count(int count) => count.ToString(CultureInfo.InvariantCulture);

    private static void WriteCase(XmlWriter xml, TestCase testCase)
    {
        xml.WriteStartElement("testcase");
        xml.WriteAttributeString("classname", XmlLine(testCase.ClassName));
        xml.WriteAttributeString("name", XmlLine(testCase.Name));
        var element = testCase.Outcome switch
        {
            Outcome.Failure => "failure",
            Outcome.Error => "error",
            Outcome.Skipped => "skipped",
            _ => null,
        };
        if (element is not null)
        {
            xml.WriteStartElement(element);
            if (testCase.Message is not null)
            {
                xml.WriteAttributeString("message", XmlLine(testCase.Message));
            }

            if (testCase.Type is not null)
            {
                xml.WriteAttributeString("type", XmlLine(testCase.Type));
            }

            if (testCase.Details is not null)
            {
                xml.WriteString(testCase.Details);
            }

            xml.WriteEndElement();
        }

        if (testCase.Output is not null)
        {
            xml.WriteElementString("system-out", testCase.Output);
        }

        xml.WriteEndElement();
    }

    /// <summary>
    /// Drops what XML 1.0 cannot hold (control characters other than tab and line breaks, lone surrogates,
    /// U+FFFE/U+FFFF), which messages may quote from a repository file, and turns the remaining control
    /// characters into spaces so one finding stays one line.
    /// </summary>
    internal static string XmlLine(string text)
    {
        if (text.All(c => !char.IsControl(c) && XmlConvert.IsXmlChar(c)))
        {
            return text;
        }

        var line = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c))
            {
                line.Append(c).Append(text[i + 1]);
                i++;
            }
            else if (c is '\t' or '\n' or '\r' || (char.IsControl(c) && XmlConvert.IsXmlChar(c)))
            {
                line.Append(' ');
            }
            else if (XmlConvert.IsXmlChar(c))
            {
                line.Append(c);
            }
        }

        return line.ToString();
    }

    private enum Outcome
    {
        Passed,
        Failure,
        Error,
        Skipped,
    }

    /// <summary>One test case: Details is the text of its failure or error element, Output the findings for system-out.</summary>
    private sealed record TestCase(string ClassName, string Name, Outcome Outcome, string? Message, string? Type, string? Details, string? Output)
    {
        public static TestCase Passed(string className, string name, string? output) => new(className, name, Outcome.Passed, null, null, null, output);
    }

    private sealed record TestSuite(string Name, IReadOnlyList<TestCase> Cases, IReadOnlyList<(string Name, string Value)> Properties, TimeSpan? Time);
}
