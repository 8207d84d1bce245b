using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Model.Migration;

/// <summary>A node of a YAML document being written: a mapping, a list or a scalar.</summary>
internal abstract class OutNode
{
    /// <summary>A copy of a node read from a file, keeping each scalar's type (a string stays a string).</summary>
    public static OutNode From(SourceNode node) => node switch
    {
        SourceScalar scalar => new OutScalar(scalar.Value, scalar.Kind),
        SourceSequence sequence => new OutSequence(sequence.Items.Select(From)),
        SourceMapping mapping => OutMapping.From(mapping),
        _ => throw new ArgumentException("Unknown node.", nameof(node)),
    };
}

internal sealed class OutScalar(string value, ScalarKind kind) : OutNode
{
    public string Value { get; } = value;

    public ScalarKind Kind { get; } = kind;

    public static OutScalar String(string value) => new(value, ScalarKind.String);

    public static OutScalar Integer(long value) => new(value.ToString(CultureInfo.InvariantCulture), ScalarKind.Integer);

    public static OutScalar Boolean(bool value) => new(value ? "true" : "false", ScalarKind.Boolean);

    public static OutScalar Null { get; } = new("", ScalarKind.Null);
}

internal sealed class OutSequence(IEnumerable<OutNode>? items = null) : OutNode
{
    public List<OutNode> Items { get; } = items?.ToList() ?? [];
}

/// <summary>An entry of a mapping, with the comments written above it and after its value.</summary>
internal sealed class OutEntry(string key, OutNode value)
{
    public string Key { get; } = key;

    public OutNode Value { get; set; } = value;

    public List<string> CommentsBefore { get; } = [];

    public string? TrailingComment { get; set; }
}

internal sealed class OutMapping : OutNode
{
    public List<OutEntry> Entries { get; } = [];

    public static OutMapping From(SourceMapping mapping)
    {
        var result = new OutMapping();
        foreach (var (key, value) in mapping.Entries)
        {
            result.Add(key.Value, From(value));
        }

        return result;
    }

    public OutNode? this[string key] => Entries.FirstOrDefault(e => e.Key == key)?.Value;

    public bool ContainsKey(string key) => Entries.Any(e => e.Key == key);

    /// <summary>Adds an entry (or replaces the value of an existing one) and returns it.</summary>
    public OutEntry Add(string key, OutNode value)
    {
        if (Entries.FirstOrDefault(e => e.Key == key) is { } existing)
        {
            existing.Value = value;
            return existing;
        }

        var entry = new OutEntry(key, value);
        Entries.Add(entry);
        return entry;
    }

    public OutEntry Add(string key, string value) => Add(key, OutScalar.String(value));

    public bool Remove(string key) => Entries.RemoveAll(e => e.Key == key) > 0;
}

/// <summary>Writes an <see cref="OutNode"/> tree as block-style YAML with two-space indentation.</summary>
internal static class YamlOutput
{
    public static string Write(OutMapping root, IEnumerable<string>? header = null, string newLine = "\n")
    {
        var builder = new StringBuilder();
        foreach (var comment in header ?? [])
        {
            builder.Append(comment).Append(newLine);
        }

        WriteMapping(builder, root, 0, newLine, firstInline: false);
        return builder.ToString();
    }

    private static void WriteMapping(StringBuilder builder, OutMapping mapping, int indent, string newLine, bool firstInline)
    {
        var first = true;
        foreach (var entry in mapping.Entries)
        {
            foreach (var comment in first && firstInline ? [] : entry.CommentsBefore)
            {
                // (The comments of an item's first key were written above its dash.)
                builder.Append(' ', indent).Append(comment.TrimStart()).Append(newLine);
            }

            if (!(first && firstInline))
            {
                builder.Append(' ', indent);
            }

            first = false;
            builder.Append(YamlScalars.Plain(entry.Key)).Append(':');
            WriteValue(builder, entry.Value, indent, newLine, entry.TrailingComment);
        }
    }

    private static void WriteValue(StringBuilder builder, OutNode value, int indent, string newLine, string? trailing)
    {
        var comment = trailing is null ? string.Empty : " " + trailing.TrimStart();
        switch (value)
        {
            case OutMapping { Entries.Count: 0 }:
                builder.Append(" {}").Append(comment).Append(newLine);
                break;
            case OutSequence { Items.Count: 0 }:
                builder.Append(" []").Append(comment).Append(newLine);
                break;
            case OutMapping mapping:
                builder.Append(comment).Append(newLine);
                WriteMapping(builder, mapping, indent + 2, newLine, firstInline: false);
                break;
            case OutSequence sequence:
                builder.Append(comment).Append(newLine);
                WriteSequence(builder, sequence, indent + 2, newLine);
                break;
            case OutScalar scalar:
                WriteScalar(builder, scalar, indent, newLine, comment);
                break;
        }
    }

    private static void WriteSequence(StringBuilder builder, OutSequence sequence, int indent, string newLine)
    {
        foreach (var item in sequence.Items)
        {
            if (item is OutMapping { Entries.Count: > 0 } withComments)
            {
                // The comments above an item's first key go above its dash.
                foreach (var comment in withComments.Entries[0].CommentsBefore)
                {
                    builder.Append(' ', indent).Append(comment.TrimStart()).Append(newLine);
                }
            }

            builder.Append(' ', indent).Append('-');
            switch (item)
            {
                case OutMapping { Entries.Count: > 0 } mapping:
                    builder.Append(' ');
                    WriteMapping(builder, mapping, indent + 2, newLine, firstInline: true);
                    break;
                case OutSequence { Items.Count: > 0 } nested:
                    builder.Append(newLine);
                    WriteSequence(builder, nested, indent + 2, newLine);
                    break;
                default:
                    WriteValue(builder, item, indent, newLine, trailing: null);
                    break;
            }
        }
    }

    private static void WriteScalar(StringBuilder builder, OutScalar scalar, int indent, string newLine, string comment)
    {
        switch (scalar.Kind)
        {
            case ScalarKind.Null:
                builder.Append(" null");
                break;
            case ScalarKind.Boolean:
                builder.Append(' ').Append(scalar.Value.Equals("true", StringComparison.OrdinalIgnoreCase) ? "true" : "false");
                break;
            case ScalarKind.Integer or ScalarKind.Float:
                builder.Append(' ').Append(scalar.Value);
                break;
            default:
                if (YamlScalars.LiteralBlock(scalar.Value, indent + 2, newLine) is { } block)
                {
                    builder.Append(' ').Append(block.Header).Append(comment).Append(newLine).Append(block.Body);
                    return;
                }

                builder.Append(' ').Append(YamlScalars.Plain(scalar.Value));
                break;
        }

        builder.Append(comment).Append(newLine);
    }
}

/// <summary>How a string is written so that every YAML 1.2 (and 1.1) reader reads it back as the same string.</summary>
internal static partial class YamlScalars
{
    /// <summary>The string as a plain scalar when that reads back as the same string, else double-quoted.</summary>
    public static string Plain(string value) => IsSafePlain(value) ? value : DoubleQuoted(value);

    /// <summary>The string as a plain scalar inside a flow collection (<c>[...]</c>, <c>{...}</c>), where commas and brackets end a value.</summary>
    public static string InFlow(string value) => IsSafePlain(value) && value.IndexOfAny([',', '[', ']', '{', '}']) < 0 ? value : DoubleQuoted(value);

    public static string DoubleQuoted(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                default:
                    if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085' or '\uFEFF')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>
    /// A multi-line string as a literal block (<c>|</c>, <c>|-</c> or <c>|+</c>), or null when it cannot be one
    /// faithfully (control characters, trailing spaces, a first line starting with a space).
    /// </summary>
    public static (string Header, string Body)? LiteralBlock(string value, int indent, string newLine)
    {
        if (!value.Contains('\n') || value.Any(c => (char.IsControl(c) && c is not '\n' and not '\t') || c is '\u2028' or '\u2029' or '\u0085' or '\uFEFF'))
        {
            return null;
        }

        var trailing = value.Length - value.TrimEnd('\n').Length;
        var content = value.TrimEnd('\n');
        var lines = content.Split('\n');
        if (lines[0].StartsWith(' ') || lines[0].StartsWith('\t') || lines.Any(l => l.EndsWith(' ') || l.EndsWith('\t')) || content.Length == 0)
        {
            return null;
        }

        var header = trailing switch { 0 => "|-", 1 => "|", _ => "|+" };
        var body = new StringBuilder();
        foreach (var line in lines)
        {
            if (line.Length > 0)
            {
                body.Append(' ', indent).Append(line);
            }

            body.Append(newLine);
        }

        for (var i = 1; i < trailing; i++)
        {
            body.Append(newLine);
        }

        return (header, body.ToString());
    }

    private static bool IsSafePlain(string value)
    {
        if (value.Length == 0 || value != value.Trim() || value.Length > 200)
        {
            return false;
        }

        if (!SafePlain().IsMatch(value) || value.Contains(": ", StringComparison.Ordinal) || value.Contains(" #", StringComparison.Ordinal) || value.EndsWith(':'))
        {
            return false;
        }

        // Read as another type by YAML 1.2 (or 1.1) readers: null, booleans, numbers, dates.
        return !Typed().IsMatch(value);
    }

    [GeneratedRegex(@"^[A-Za-z0-9_./(][A-Za-z0-9_ ./()@:$+,=<>%^~!?*&'`-]*$")]
    private static partial Regex SafePlain();

    [GeneratedRegex(@"^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N"
        + @"|[-+]?[0-9][0-9_]*"
        + @"|[-+]?(?:\.[0-9][0-9_]*|[0-9][0-9_]*\.[0-9_]*)(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+"
        + @"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?"
        + @"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|0x[0-9a-fA-F_]+|0o[0-7]+|0b[01_]+"
        + @"|\d{4}-\d\d?-\d\d?(?:[Tt ].*)?)$")]
    private static partial Regex Typed();
}
