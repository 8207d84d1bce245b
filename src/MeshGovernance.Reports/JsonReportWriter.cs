using System.Text.Encodings.Web;
using System.Text.Json;
using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Results;

namespace MeshGovernance.Reports;

/// <summary>
/// The machine-readable report: <c>{ "summary": {...}, "findings": [...] }</c>, each finding with id,
/// level, message, file, line, column (1-based), end position and subject; policy findings add policy,
/// enforcement, waived and the waiver. A check adds the blocking and waived counts and each policy's outcome.
/// <c>meshgov explain ID</c> gives each id's help.
/// </summary>
public static class JsonReportWriter
{
    /// <summary>Bytes the JSON writer holds before it hands them on: the report streams, whatever its size.</summary>
    internal const int FlushThreshold = 64 * 1024;

    public static void Write(TextWriter output, CheckReport report)
    {
        using var stream = new TextWriterStream(output);
        WriteUtf8(stream, report);
    }

    public static void WriteUtf8(Stream output, CheckReport report)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var findings = report.Diagnostics;
        var summary = report.Summary;
        var isCheck = report.Policies.Count > 0;
        json.WriteStartObject();
        json.WriteStartObject("summary");
        json.WriteNumber("error", summary.Errors);
        json.WriteNumber("warning", summary.Warnings);
        json.WriteNumber("notice", summary.Notices);
        json.WriteNumber("files", summary.Files);
        json.WriteNumber("blocking", summary.Blocking);
        json.WriteNumber("waived", summary.Waived);
        if (summary.Baselined > 0)
        {
            json.WriteNumber("baselined", summary.Baselined);
        }

        json.WriteNumber("policies", report.Policies.Count(p => p.Enabled));
        if (report.Change is not null)
        {
            json.WriteNumber("existingDebt", summary.ExistingDebt);
        }

        json.WriteEndObject();
        if (report.Change is { } change)
        {
            json.WriteStartObject("change");
            json.WriteString("base", change.BaseCommit);
            json.WriteString("head", change.HeadCommit);
            json.WriteNumber("changedFiles", change.ChangedFiles);
            if (change.Author is null)
            {
                json.WriteNull("author");
            }
            else
            {
                json.WriteString("author", change.Author);
            }

            json.WriteString("policiesFrom", change.PoliciesFromHead ? "head" : "base");
            json.WriteEndObject();
        }

        json.WriteStartArray("findings");
        foreach (var finding in findings)
        {
            if (json.BytesPending > FlushThreshold)
            {
                json.Flush();
            }

            json.WriteStartObject();
            json.WriteString("id", finding.Id);
            json.WriteString("level", finding.Level.Name());
            json.WriteString("message", finding.Message);
            json.WriteString("file", finding.File);
            json.WriteNumber("line", finding.Line);
            json.WriteNumber("column", finding.Column);
            json.WriteNumber("endLine", finding.Span.EndLine);
            json.WriteNumber("endColumn", finding.Span.EndColumn);
            if (finding.Subject is null)
            {
                json.WriteNull("subject");
            }
            else
            {
                json.WriteString("subject", finding.Subject);
            }

            json.WriteBoolean("blocking", finding.Blocking);
            if (finding.ExistingDebt)
            {
                json.WriteBoolean("existingDebt", true);
            }

            if (finding.Baselined)
            {
                json.WriteBoolean("baselined", true);
            }

            if (finding.Policy is { } policy)
            {
                json.WriteString("policy", policy.PolicyId);
                json.WriteString("enforcement", policy.Enforcement.ToName());
                json.WriteBoolean("waived", policy.Waived);
                if (policy.Waiver is { } waiver)
                {
                    json.WriteStartObject("waiver");
                    json.WriteString("justification", waiver.Justification);
                    json.WriteString("approvedBy", waiver.ApprovedBy);
                    json.WriteString("expires", waiver.Expires);
                    json.WriteString("file", waiver.Span.File);
                    json.WriteNumber("line", waiver.Span.Line);
                    json.WriteEndObject();
                }
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (isCheck)
        {
            WritePolicies(json, report);
        }

        json.WriteEndObject();
        json.Flush();
        output.WriteByte((byte)'\n');
    }

    private static void WritePolicies(Utf8JsonWriter json, CheckReport report)
    {
        json.WriteStartArray("policies");
        foreach (var verdict in PolicyVerdicts.Of(report.Policies, report.Diagnostics))
        {
            var policy = verdict.Policy;
            json.WriteStartObject();
            json.WriteString("id", policy.Metadata.Id);
            json.WriteString("title", policy.Metadata.Title);
            json.WriteString("enforcement", policy.Metadata.Enforcement.ToName());
            json.WriteString("category", policy.Metadata.Category);
            json.WriteString("source", policy.SourcePath);
            json.WriteBoolean("builtIn", policy.BuiltIn);
            json.WriteBoolean("enabled", policy.Enabled);
            json.WriteBoolean("ran", policy.Ran);
            json.WriteNumber("subjects", verdict.Subjects.Count);
            json.WriteString("status", PolicyStatusNames.Name(verdict.Status));
            json.WriteNumber("passed", verdict.Passed);
            json.WriteNumber("failed", verdict.Failed);
            json.WriteNumber("waived", verdict.Waived);
            json.WriteNumber("existingDebt", verdict.ExistingDebt);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
