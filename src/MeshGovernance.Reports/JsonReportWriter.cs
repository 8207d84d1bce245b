using System.Text.Encodings.Web;
using System.Text.Json;
using MeshGovernance.Model.Diagnostics;

namespace MeshGovernance.Reports;

/// <summary>
/// The machine-readable report: <c>{ "summary": {...}, "findings": [...] }</c>, each finding with id,
/// level, message, file, line, column (1-based), end position and subject. <c>meshgov explain ID</c> gives each id's help.
/// </summary>
public static class JsonReportWriter
{
    public static void Write(TextWriter output, IReadOnlyCollection<Diagnostic> findings, int files)
    {
        using var buffer = new MemoryStream();
        WriteUtf8(buffer, findings, files);
        output.Write(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    public static void WriteUtf8(Stream output, IReadOnlyCollection<Diagnostic> findings, int files)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var summary = FindingSummary.Of(findings, files);
        json.WriteStartObject();
        json.WriteStartObject("summary");
        json.WriteNumber("error", summary.Errors);
        json.WriteNumber("warning", summary.Warnings);
        json.WriteNumber("notice", summary.Notices);
        json.WriteNumber("files", summary.Files);
        json.WriteEndObject();
        json.WriteStartArray("findings");
        foreach (var finding in findings)
        {
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

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        output.WriteByte((byte)'\n');
    }
}
