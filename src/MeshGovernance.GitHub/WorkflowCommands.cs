using System.Globalization;
using System.Text;
using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Text;

namespace MeshGovernance.GitHub;

/// <summary>
/// Findings as Actions workflow commands (<c>::error file=…,line=…::message</c>), the way to annotate when the
/// token cannot write checks (a fork's pull request). The lines are returned, not printed: the CLI prints them.
/// Actions shows at most 10 annotations of each kind per step, so blocking findings come first and a plain
/// line counts the rest.
/// </summary>
public static class WorkflowCommands
{
    public const int MaxPerLevel = 10;

    /// <summary>Messages longer than this are cut: the job summary has the whole text.</summary>
    private const int MaxMessageChars = 4000;

    public static IReadOnlyList<string> ForFindings(IEnumerable<Diagnostic> findings, int maxPerLevel = MaxPerLevel)
    {
        var lines = new List<string>();
        var perCommand = new Dictionary<string, int>(StringComparer.Ordinal);
        var left = 0;
        var ordered = CheckAnnotation.InPriorityOrder(findings);
        foreach (var finding in ordered)
        {
            var command = CheckAnnotation.LevelOf(finding) switch
            {
                "failure" => "error",
                "warning" => "warning",
                _ => "notice",
            };
            var count = perCommand.GetValueOrDefault(command);
            if (count >= maxPerLevel)
            {
                left++;
                continue;
            }

            perCommand[command] = count + 1;
            var annotation = CheckAnnotation.Of(finding);
            var message = Wording.Cut(annotation?.Message ?? finding.Message, MaxMessageChars);
            lines.Add(annotation is null
                ? Annotation(command, message, title: finding.Id)
                : Annotation(command, message, annotation.Path, annotation.StartLine, annotation.EndLine, annotation.StartColumn, annotation.EndColumn, annotation.Title));
        }

        if (left > 0)
        {
            lines.Add($"meshgov: {left} more finding{(left == 1 ? " is" : "s are")} not shown as annotations (Actions shows at most {maxPerLevel} of each kind per step); the job summary lists every finding.");
        }

        return lines;
    }

    /// <summary>One annotation command: <c>::error file=F,line=L,endLine=E,col=C,endColumn=D,title=T::message</c>, every value escaped.</summary>
    /// <param name="command">error, warning or notice.</param>
    public static string Annotation(string command, string message, string? file = null, int? line = null, int? endLine = null, int? column = null, int? endColumn = null, string? title = null)
    {
        if (command is not ("error" or "warning" or "notice"))
        {
            throw new ArgumentOutOfRangeException(nameof(command), command, "An annotation command is error, warning or notice.");
        }

        var properties = new List<string>();
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                properties.Add($"{name}={EscapeProperty(value)}");
            }
        }

        Add("file", file);
        Add("line", line?.ToString(CultureInfo.InvariantCulture));
        Add("endLine", endLine?.ToString(CultureInfo.InvariantCulture));
        Add("col", column?.ToString(CultureInfo.InvariantCulture));
        Add("endColumn", endColumn?.ToString(CultureInfo.InvariantCulture));
        Add("title", title);
        return properties.Count == 0
            ? $"::{command}::{EscapeData(message)}"
            : $"::{command} {string.Join(',', properties)}::{EscapeData(message)}";
    }

    /// <summary>A command's message: %, CR and LF are percent-encoded so the message stays on the command's line.</summary>
    public static string EscapeData(string value) => Escape(value, properties: false);

    /// <summary>A command property's value: as <see cref="EscapeData"/>, and also ':' and ',', which delimit properties.</summary>
    public static string EscapeProperty(string value) => Escape(value, properties: true);

    private static string Escape(string value, bool properties)
    {
        var escaped = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            escaped.Append(c switch
            {
                '%' => "%25",
                '\r' => "%0D",
                '\n' => "%0A",
                ':' when properties => "%3A",
                ',' when properties => "%2C",
                // The runner decodes only the escapes above; any other control character (ESC starts a terminal
                // sequence, NUL cuts the line) or invisible character is shown as \uXXXX instead of passed raw.
                '\t' => "\t",
                _ when char.IsControl(c) || Model.Diagnostics.InvisibleCharacters.IsInvisible(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }
}
