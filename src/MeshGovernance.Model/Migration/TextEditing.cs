using System.Text;
using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Model.Migration;

/// <summary>
/// The edits a migration makes to YAML text, each located by the spans of the tree read from it: rename a
/// key, replace a scalar, delete or nest an entry, move entries into customProperties. Block and flow styles
/// are both handled; quoting and indentation follow what the file already does.
/// </summary>
internal static class TextEditing
{
    /// <summary>Replaces a scalar's value, keeping its quotes when it has any.</summary>
    public static void ReplaceScalar(SourceText source, TextEdits edits, SourceScalar scalar, string value)
    {
        var start = source.Offset(scalar.Span.Line, scalar.Span.Column);
        var end = source.End(scalar);
        if (source.QuoteOf(scalar) is not null && end - start >= 2)
        {
            edits.Replace(start + 1, end - 1, value);
        }
        else
        {
            edits.Replace(start, end, value);
        }
    }

    public static void RenameKey(SourceText source, TextEdits edits, SourceScalar key, string name) => ReplaceScalar(source, edits, key, name);

    /// <summary>
    /// Turns <c>key: [list]</c> into <c>key: {wrapper: [list]}</c>: for a block list, a <c>wrapper:</c> line is
    /// added above it and its lines move right, keeping the file's indentation step.
    /// </summary>
    public static void WrapSequenceValue(SourceText source, TextEdits edits, SourceScalar key, SourceSequence sequence, string wrapper)
    {
        if (source.IsFlow(sequence))
        {
            edits.Insert(source.Offset(sequence.Span.Line, sequence.Span.Column), "{" + wrapper + ": ");
            edits.Insert(source.End(sequence), "}");
            return;
        }

        var keyIndent = key.Span.Column - 1;
        var dashIndent = sequence.Span.Column - 1;
        var wrapperIndent = Math.Max(dashIndent, keyIndent + 2);
        var shift = wrapperIndent - keyIndent;
        var first = sequence.Span.Line;
        edits.Insert(source.LineStart(first), new string(' ', wrapperIndent) + wrapper + ":" + source.NewLine);
        ShiftLines(source, edits, first, source.LastContentLine(sequence), shift);
    }

    /// <summary>Nests one entry, <c>key: value</c>, under a new key: <c>wrapper: {key: value}</c>.</summary>
    public static void WrapEntry(SourceText source, TextEdits edits, SourceMapping mapping, SourceScalar key, string wrapper)
    {
        var value = mapping[key.Value]!;
        var keyStart = source.Offset(key.Span.Line, key.Span.Column);
        if (source.IsFlow(mapping))
        {
            edits.Insert(keyStart, wrapper + ": {");
            edits.Insert(source.ContentEnd(value), "}");
            return;
        }

        var indent = key.Span.Column - 1;
        if (source.OnlySpacesBefore(key.Span.Line, key.Span.Column))
        {
            edits.Insert(source.LineStart(key.Span.Line), new string(' ', indent) + wrapper + ":" + source.NewLine);
            ShiftLines(source, edits, key.Span.Line, LastLine(source, key, value), 2);
        }
        else
        {
            edits.Insert(keyStart, wrapper + ":" + source.NewLine + new string(' ', indent + 2));
            ShiftLines(source, edits, key.Span.Line + 1, LastLine(source, key, value), 2);
        }
    }

    /// <summary>Adds an entry (<c>name: value</c> text) just before a key of the same mapping.</summary>
    public static void InsertEntryBefore(SourceText source, TextEdits edits, SourceMapping mapping, SourceScalar before, string entry)
    {
        var offset = source.Offset(before.Span.Line, before.Span.Column);
        edits.Insert(offset, source.IsFlow(mapping) ? entry + ", " : entry + source.NewLine + new string(' ', before.Span.Column - 1));
    }

    /// <summary>Adds an entry (<c>name: value</c> text) just after an entry of the same mapping.</summary>
    public static void InsertEntryAfter(SourceText source, TextEdits edits, SourceMapping mapping, SourceScalar after, string entry)
    {
        var value = mapping[after.Value]!;
        if (source.IsFlow(mapping))
        {
            edits.Insert(EntryEnd(source, after, value), ", " + entry);
            return;
        }

        var at = source.LineEndWithBreak(LastLine(source, after, value));
        var text = new string(' ', after.Span.Column - 1) + entry + source.NewLine;
        if (at == source.Text.Length && source.Text.Length > 0 && source.Text[^1] is not ('\n' or '\r'))
        {
            text = source.NewLine + text.TrimEnd('\r', '\n');
        }

        edits.Insert(at, text);
    }

    /// <summary>Removes an entry: its whole lines in a block mapping, the entry and one comma in a flow mapping.</summary>
    public static void DeleteEntry(SourceText source, TextEdits edits, SourceMapping mapping, SourceScalar key)
    {
        var index = IndexOf(mapping, key);
        var value = mapping.Entries[index].Value;
        var keyStart = source.Offset(key.Span.Line, key.Span.Column);
        var next = index + 1 < mapping.Entries.Count ? mapping.Entries[index + 1].Key : null;
        if (source.IsFlow(mapping))
        {
            if (next is not null)
            {
                edits.Delete(keyStart, source.Offset(next.Span.Line, next.Span.Column));
            }
            else if (index > 0)
            {
                edits.Delete(EntryEnd(source, mapping.Entries[index - 1].Key, mapping.Entries[index - 1].Value), EntryEnd(source, key, value));
            }
            else
            {
                edits.Delete(keyStart, EntryEnd(source, key, value));
            }

            return;
        }

        if (source.OnlySpacesBefore(key.Span.Line, key.Span.Column))
        {
            edits.Delete(source.LineStart(key.Span.Line), source.LineEndWithBreak(LastLine(source, key, value)));
        }
        else if (next is not null)
        {
            // The first entry of a list item, on the dash's line: the next entry takes its place there.
            edits.Delete(keyStart, source.Offset(next.Span.Line, next.Span.Column));
        }
        else
        {
            edits.Delete(keyStart, EntryEnd(source, key, value));
        }
    }

    /// <summary>
    /// Moves entries of a mapping into its <c>customProperties</c> list (added at the end of the mapping when it
    /// has none), each as <c>{property: key, value: value}</c> with the value as written. False when the
    /// mapping's style does not allow it (a flow mapping holding a multi-line value, or losing all its entries).
    /// </summary>
    public static bool MoveToCustomProperties(SourceText source, TextEdits edits, SourceMapping owner, IReadOnlyList<SourceScalar> keys)
    {
        var existing = owner["customProperties"] as SourceSequence;
        if (source.IsFlow(owner) || (existing is not null && source.IsFlow(existing)))
        {
            return MoveInFlow(source, edits, owner, existing, keys);
        }

        var indent = owner.Entries[0].Key.Span.Column - 1;
        var itemIndent = existing is { Items.Count: > 0 } ? existing.Span.Column - 1 : indent + 2;
        var items = new StringBuilder();
        foreach (var key in keys)
        {
            var value = owner[key.Value]!;
            items.Append(' ', itemIndent).Append("- property: ").Append(YamlScalars.Plain(key.Value)).Append(source.NewLine);
            items.Append(' ', itemIndent + 2).Append("value:").Append(ValueText(source, key, value, itemIndent + 2)).Append(source.NewLine);
        }

        int at;
        string text;
        if (existing is { Items.Count: > 0 })
        {
            at = source.LineEndWithBreak(source.LastContentLine(existing));
            text = items.ToString();
        }
        else if (existing is not null)
        {
            // customProperties: with nothing after it (a null), or an empty block: fill it in.
            return false;
        }
        else
        {
            at = source.LineEndWithBreak(source.LastContentLine(owner));
            text = new string(' ', indent) + "customProperties:" + source.NewLine + items;
        }

        if (at == source.Text.Length && source.Text.Length > 0 && source.Text[^1] is not ('\n' or '\r'))
        {
            text = source.NewLine + text.TrimEnd('\r', '\n');
        }

        foreach (var key in keys)
        {
            DeleteEntry(source, edits, owner, key);
        }

        edits.Insert(at, text);
        return true;
    }

    private static bool MoveInFlow(SourceText source, TextEdits edits, SourceMapping owner, SourceSequence? existing, IReadOnlyList<SourceScalar> keys)
    {
        var items = new List<string>();
        foreach (var key in keys)
        {
            var value = owner[key.Value]!;
            if (source.LastContentLine(value) != value.Span.Line || (value is SourceScalar && source.QuoteOf((SourceScalar)value) is null && source.Slice(value).StartsWith('|')))
            {
                return false;
            }

            items.Add($"{{property: {YamlScalars.InFlow(key.Value)}, value: {(SourceText.IsEmptyScalar(value) ? "null" : source.Slice(value))}}}");
        }

        if (keys.Count >= owner.Entries.Count || !source.IsFlow(owner))
        {
            return false;
        }

        foreach (var key in keys)
        {
            DeleteEntry(source, edits, owner, key);
        }

        if (existing is not null)
        {
            var close = source.End(existing) - 1;
            edits.Insert(close, (existing.Items.Count > 0 ? ", " : "") + string.Join(", ", items));
        }
        else
        {
            var close = source.End(owner) - 1;
            edits.Insert(close, ", customProperties: [" + string.Join(", ", items) + "]");
        }

        return true;
    }

    /// <summary>
    /// The text after a key's colon up to the end of its value's last line, with the lines after the first
    /// moved so that the value keeps its place relative to a key now at <paramref name="newKeyIndent"/>.
    /// </summary>
    private static string ValueText(SourceText source, SourceScalar key, SourceNode value, int newKeyIndent)
    {
        var colon = source.Text.IndexOf(':', source.Offset(key.Span.EndLine, key.Span.EndColumn));
        var last = LastLine(source, key, value);
        var text = source.Text[(colon + 1)..source.LineEnd(last)];
        var lines = text.Split('\n');
        var delta = newKeyIndent - (key.Span.Column - 1);
        var builder = new StringBuilder(lines[0].TrimEnd('\r'));
        foreach (var line in lines.Skip(1))
        {
            var content = line.TrimEnd('\r');
            builder.Append(source.NewLine);
            if (content.Trim().Length == 0)
            {
                continue;
            }

            if (delta >= 0)
            {
                builder.Append(' ', delta).Append(content);
            }
            else
            {
                var remove = Math.Min(-delta, content.Length - content.TrimStart(' ').Length);
                builder.Append(content[remove..]);
            }
        }

        return builder.ToString();
    }

    /// <summary>Moves the non-blank lines from <paramref name="first"/> to <paramref name="last"/> right by <paramref name="shift"/> spaces.</summary>
    public static void ShiftLines(SourceText source, TextEdits edits, int first, int last, int shift)
    {
        if (shift <= 0)
        {
            return;
        }

        var spaces = new string(' ', shift);
        for (var line = first; line <= last; line++)
        {
            if (!source.IsBlank(line))
            {
                edits.Insert(source.LineStart(line), spaces);
            }
        }
    }

    private static int LastLine(SourceText source, SourceScalar key, SourceNode value) =>
        SourceText.IsEmptyScalar(value) ? key.Span.EndLine : Math.Max(key.Span.EndLine, source.LastContentLine(value));

    private static int EntryEnd(SourceText source, SourceScalar key, SourceNode value) =>
        SourceText.IsEmptyScalar(value) ? source.Offset(key.Span.EndLine, key.Span.EndColumn) + 1 : source.ContentEnd(value);

    private static int IndexOf(SourceMapping mapping, SourceScalar key)
    {
        for (var i = 0; i < mapping.Entries.Count; i++)
        {
            if (ReferenceEquals(mapping.Entries[i].Key, key))
            {
                return i;
            }
        }

        throw new ArgumentException($"The key '{key.Value}' is not in the mapping.", nameof(key));
    }
}
