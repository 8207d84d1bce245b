using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Model.Migration;

/// <summary>
/// The text a YAML tree was read from, indexed by line, so that the 1-based line/column spans of
/// <see cref="SourceNode"/> can be turned into offsets and whole lines for text-level edits.
/// Line breaks are <c>\n</c>, <c>\r\n</c> or a lone <c>\r</c>, as YAML reads them.
/// </summary>
internal sealed class SourceText
{
    private readonly int[] _lineStarts;

    public SourceText(string text)
    {
        Text = text;
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
                starts.Add(i + 1);
            }
            else if (text[i] is '\n' or '\r')
            {
                starts.Add(i + 1);
            }
        }

        _lineStarts = [.. starts];
        NewLine = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
    }

    public string Text { get; }

    /// <summary>The line break the file uses (the first kind found; <c>\n</c> when it has none).</summary>
    public string NewLine { get; }

    public int LineCount => _lineStarts.Length;

    /// <summary>The offset of a 1-based line and column (clamped to the text).</summary>
    public int Offset(int line, int column)
    {
        if (line < 1)
        {
            return 0;
        }

        if (line > _lineStarts.Length)
        {
            return Text.Length;
        }

        return Math.Min(_lineStarts[line - 1] + Math.Max(0, column - 1), Text.Length);
    }

    /// <summary>The offset where a line starts.</summary>
    public int LineStart(int line) => Offset(line, 1);

    /// <summary>The offset just after a line's break (the start of the next line, or the end of the text).</summary>
    public int LineEndWithBreak(int line) => line >= _lineStarts.Length ? Text.Length : _lineStarts[line];

    /// <summary>The offset of a line's last character before its break.</summary>
    public int LineEnd(int line)
    {
        var end = LineEndWithBreak(line);
        if (end > LineStart(line) && end <= Text.Length && end > 0 && Text[end - 1] == '\n')
        {
            end--;
        }

        if (end > LineStart(line) && end > 0 && Text[end - 1] == '\r')
        {
            end--;
        }

        return end;
    }

    /// <summary>A line's text without its break.</summary>
    public string Line(int line) => Text[LineStart(line)..LineEnd(line)];

    /// <summary>1-based line and column of an offset.</summary>
    public (int Line, int Column) Position(int offset)
    {
        var index = Array.BinarySearch(_lineStarts, offset);
        var line = index >= 0 ? index : ~index - 1;
        return (line + 1, offset - _lineStarts[line] + 1);
    }

    /// <summary>The number of spaces a line starts with.</summary>
    public int Indentation(int line)
    {
        var text = Line(line);
        var count = 0;
        while (count < text.Length && text[count] == ' ')
        {
            count++;
        }

        return count;
    }

    public bool IsBlank(int line) => string.IsNullOrWhiteSpace(Line(line));

    /// <summary>True when the line holds nothing but a comment (or nothing at all).</summary>
    public bool IsBlankOrComment(int line) => Line(line).TrimStart() is var t && (t.Length == 0 || t[0] == '#');

    /// <summary>The source characters of a node, from its first character to just after its last.</summary>
    public string Slice(SourceNode node) => Text[Offset(node.Span.Line, node.Span.Column)..End(node)];

    /// <summary>
    /// The offset just after a node's span. A flow collection's span (YamlDotNet's mark) ends where its closing
    /// bracket starts: the bracket is included here.
    /// </summary>
    public int End(SourceNode node)
    {
        var end = Offset(node.Span.EndLine, node.Span.EndColumn);
        return IsFlow(node) && end < Text.Length && Text[end] is ']' or '}' ? end + 1 : end;
    }

    /// <summary>True when the node is a flow collection (<c>[...]</c> or <c>{...}</c>) in the text.</summary>
    public bool IsFlow(SourceNode node)
    {
        if (node is SourceScalar)
        {
            return false;
        }

        var offset = Offset(node.Span.Line, node.Span.Column);
        return offset < Text.Length && Text[offset] is '[' or '{';
    }

    /// <summary>True when nothing but spaces (or a sequence dash) precedes the position on its line.</summary>
    public bool StartsLine(int line, int column)
    {
        var text = Line(line);
        var before = text[..Math.Min(text.Length, Math.Max(0, column - 1))];
        return before.Trim().Length == 0;
    }

    /// <summary>True when only spaces precede the position on its line (no sequence dash either).</summary>
    public bool OnlySpacesBefore(int line, int column) => Line(line)[..Math.Min(Line(line).Length, Math.Max(0, column - 1))].All(c => c == ' ');

    /// <summary>
    /// The last line holding the node's content. Block collections end (in YamlDotNet's marks) where the next
    /// token starts, and block scalars after their trailing line breaks; this is the line of their last character.
    /// </summary>
    public int LastContentLine(SourceNode node)
    {
        switch (node)
        {
            case SourceScalar scalar:
                if (scalar.Span.EndLine > scalar.Span.Line && scalar.Span.EndColumn == 1)
                {
                    var line = scalar.Span.EndLine - 1;
                    while (line > scalar.Span.Line && IsBlank(line))
                    {
                        line--;
                    }

                    return line;
                }

                return scalar.Span.EndLine;
            case SourceMapping mapping when !IsFlow(mapping):
                var last = mapping.Span.Line;
                foreach (var (key, value) in mapping.Entries)
                {
                    last = Math.Max(last, Math.Max(key.Span.EndLine, IsEmptyScalar(value) ? key.Span.EndLine : LastContentLine(value)));
                }

                return last;
            case SourceSequence sequence when !IsFlow(sequence):
                var end = sequence.Span.Line;
                foreach (var item in sequence.Items)
                {
                    end = Math.Max(end, IsEmptyScalar(item) ? item.Span.Line : LastContentLine(item));
                }

                return end;
            default:
                return node.Span.EndLine;
        }
    }

    /// <summary>The offset just after the node's last character (for a block collection, of its last scalar or flow collection).</summary>
    public int ContentEnd(SourceNode node)
    {
        switch (node)
        {
            case SourceScalar scalar when scalar.Span.EndLine > scalar.Span.Line && scalar.Span.EndColumn == 1:
                return LineEnd(LastContentLine(scalar));
            case SourceMapping mapping when !IsFlow(mapping) && mapping.Entries.Count > 0:
                var (lastKey, lastValue) = mapping.Entries[^1];
                return IsEmptyScalar(lastValue) ? Offset(lastKey.Span.EndLine, lastKey.Span.EndColumn) + 1 : ContentEnd(lastValue);
            case SourceSequence sequence when !IsFlow(sequence) && sequence.Items.Count > 0:
                return ContentEnd(sequence.Items[^1]);
            default:
                return End(node);
        }
    }

    /// <summary>An empty value (<c>key:</c> with nothing after it), which has no characters of its own.</summary>
    public static bool IsEmptyScalar(SourceNode node) => node is SourceScalar { IsNull: true, Value: "" };

    /// <summary>The quote a scalar is written with, or null for a plain or block scalar.</summary>
    public char? QuoteOf(SourceScalar scalar)
    {
        var offset = Offset(scalar.Span.Line, scalar.Span.Column);
        return offset < Text.Length && Text[offset] is '"' or '\'' ? Text[offset] : null;
    }

    /// <summary>The comment that ends a line (from its <c>#</c>), or null; a <c>#</c> inside quotes is not one.</summary>
    public string? TrailingComment(int line)
    {
        var text = Line(line);
        char? quote = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }

                continue;
            }

            if (c is '"' or '\'' && (i == 0 || text[i - 1] is ' ' or ':' or '[' or '{' or ',' or '-'))
            {
                quote = c;
            }
            else if (c == '#' && (i == 0 || text[i - 1] is ' ' or '\t'))
            {
                return text[i..];
            }
        }

        return null;
    }
}
