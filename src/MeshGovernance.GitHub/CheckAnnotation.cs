using System.Text.Json;
using System.Text.Json.Nodes;
using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Text;

namespace MeshGovernance.GitHub;

/// <summary>One check-run annotation as GitHub takes it: a line range in a file, a level, a title and a message, within GitHub's limits.</summary>
internal sealed record CheckAnnotation(
    string Path,
    int StartLine,
    int EndLine,
    int? StartColumn,
    int? EndColumn,
    string Level,
    string Title,
    string Message,
    string? RawDetails)
{
    /// <summary>The annotation of a finding, or null when the finding names no file (it is in the summary's tables).</summary>
    public static CheckAnnotation? Of(Diagnostic finding)
    {
        if (string.IsNullOrWhiteSpace(finding.File))
        {
            return null;
        }

        var span = finding.Span;
        var start = Math.Max(1, span.Line);
        var end = Math.Max(start, span.EndLine);
        if (end > start && span.EndColumn <= 1)
        {
            // The span ends at the very start of its last line (the end is exclusive): that line is not part of it.
            end--;
        }

        int? startColumn = null, endColumn = null;
        if (start == end && span.Line >= 1 && span.Column >= 1 && span.EndLine == span.Line && span.EndColumn > span.Column)
        {
            // GitHub takes columns only on a one-line annotation; its end column is the last one covered.
            startColumn = span.Column;
            endColumn = span.EndColumn - 1;
        }

        return new CheckAnnotation(
            finding.File,
            start,
            end,
            startColumn,
            endColumn,
            LevelOf(finding),
            Wording.Cut(finding.Id, TextLimits.AnnotationTitle),
            TextLimits.CutUtf8(MessageOf(finding), TextLimits.AnnotationBytes),
            DetailsOf(finding) is { } details ? TextLimits.CutUtf8(details, TextLimits.AnnotationBytes) : null);
    }

    /// <summary>Identifies the annotation among those GitHub already holds for a check run (columns left out: GitHub may echo them differently).</summary>
    public string Key => string.Join('\u001f', Path, StartLine, EndLine, Level, Title, Message);

    public static string KeyOf(JsonElement listed)
    {
        string Text(string name) => listed.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : string.Empty;
        int Number(string name) => listed.TryGetProperty(name, out var v) && v.TryGetInt32(out var n) ? n : 0;
        return string.Join('\u001f', Text("path"), Number("start_line"), Number("end_line"), Text("annotation_level"), Text("title"), Text("message"));
    }

    /// <summary>failure only for what blocks; a waived error is a notice, existing debt at most a warning.</summary>
    public static string LevelOf(Diagnostic finding) => finding switch
    {
        { Blocking: true } => "failure",
        { Policy.Waived: true } => "notice",
        { Level: DiagnosticLevel.Notice } => "notice",
        _ => "warning",
    };

    /// <summary>
    /// Findings in the order they are annotated, so a cap drops the least important: blocking first, then the
    /// change's warnings and notices, existing debt last; the report's order within each.
    /// </summary>
    public static IEnumerable<Diagnostic> InPriorityOrder(IEnumerable<Diagnostic> findings) => findings
        .Select((finding, index) => (finding, index))
        .OrderBy(x => x.finding.Blocking ? 0 : x.finding.ExistingDebt ? 2 : 1)
        .ThenBy(x => LevelOf(x.finding) switch { "failure" => 0, "warning" => 1, _ => 2 })
        .ThenBy(x => x.index)
        .Select(x => x.finding);

    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["path"] = Path,
            ["start_line"] = StartLine,
            ["end_line"] = EndLine,
        };
        if (StartColumn is { } startColumn && EndColumn is { } endColumn)
        {
            json["start_column"] = startColumn;
            json["end_column"] = endColumn;
        }

        json["annotation_level"] = Level;
        json["title"] = Title;
        json["message"] = Message;
        if (RawDetails is not null)
        {
            json["raw_details"] = RawDetails;
        }

        return json;
    }

    private static string MessageOf(Diagnostic finding)
    {
        var message = finding.Message;
        if (finding.Policy?.Waiver is { } waiver)
        {
            message += $" (waived until {waiver.Expires}, approved by {waiver.ApprovedBy}: {waiver.Justification})";
        }

        if (finding.Baselined)
        {
            message += " (baselined: recorded in governance/baseline.yaml, so it does not block)";
        }
        else if (finding.ExistingDebt)
        {
            message += " (existing debt: this pull request does not touch it, so it does not block)";
        }

        return message;
    }

    private static string? DetailsOf(Diagnostic finding)
    {
        var lines = new List<string>();
        if (finding.Subject is not null)
        {
            lines.Add($"Subject: {finding.Subject}");
        }

        if (finding.Policy is { } policy)
        {
            lines.Add($"Policy: {policy.PolicyId} ({policy.Enforcement.ToName()})");
        }

        return lines.Count == 0 ? null : string.Join('\n', lines);
    }
}
