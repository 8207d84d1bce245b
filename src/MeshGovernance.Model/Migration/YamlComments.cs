using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Yaml;
using YamlDotNet.Core;
using YamlDotNet.Core.Tokens;

namespace MeshGovernance.Model.Migration;

/// <summary>
/// The comments of a YAML text, each attached to a key: a comment on a line of its own belongs to the next
/// key; one at the end of a line, to the last key on that line. Comments before the first key make the
/// header; those after the last key, the footer. A rewrite takes each key's comments to the entry it makes.
/// </summary>
internal sealed class YamlComments
{
    private readonly Dictionary<SourceScalar, List<string>> _before = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<SourceScalar, string> _trailing = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<SourceScalar> _taken = new(ReferenceEqualityComparer.Instance);
    private readonly List<SourceSpan> _orphans = [];

    public List<string> Header { get; } = [];

    public List<string> Footer { get; } = [];

    public static YamlComments Read(string text, SourceMapping root)
    {
        var comments = new YamlComments();
        var found = new List<(int Line, string Text, bool Inline)>();
        try
        {
            var scanner = new Scanner(new StringReader(text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text), skipComments: false);
            while (scanner.MoveNext())
            {
                if (scanner.Current is Comment comment)
                {
                    found.Add(((int)comment.Start.Line, "#" + (comment.Value.Length > 0 && !comment.Value.StartsWith(' ') ? " " : "") + comment.Value.TrimEnd(), comment.IsInline));
                }
            }
        }
        catch (YamlException)
        {
            // The text was read before; a scanner that stops here only loses comments.
        }

        var keys = new List<SourceScalar>();
        Collect(root, keys, new HashSet<SourceNode>(ReferenceEqualityComparer.Instance));
        keys.Sort((a, b) => a.Span.Line != b.Span.Line ? a.Span.Line.CompareTo(b.Span.Line) : a.Span.Column.CompareTo(b.Span.Column));
        foreach (var (line, commentText, inline) in found)
        {
            if (inline)
            {
                if (keys.LastOrDefault(k => k.Span.Line == line) is { } onLine)
                {
                    comments._trailing[onLine] = comments._trailing.TryGetValue(onLine, out var existing) ? existing + " " + commentText : commentText;
                }
                else
                {
                    // After a list item or inside a multi-line value: no key of its own to follow.
                    comments._orphans.Add(new SourceSpan(string.Empty, line, 1, line, 1));
                }

                continue;
            }

            if (keys.FirstOrDefault(k => k.Span.Line > line) is { } next)
            {
                if (next == keys[0])
                {
                    comments.Header.Add(commentText);
                }
                else
                {
                    if (!comments._before.TryGetValue(next, out var list))
                    {
                        comments._before[next] = list = [];
                    }

                    list.Add(commentText);
                }
            }
            else
            {
                comments.Footer.Add(commentText);
            }
        }

        return comments;
    }

    /// <summary>Gives an entry the comments of the key it comes from (once: a key's comments go to one entry).</summary>
    public void Attach(OutEntry entry, SourceScalar? key)
    {
        if (key is null || !_taken.Add(key))
        {
            return;
        }

        if (_before.TryGetValue(key, out var before))
        {
            entry.CommentsBefore.AddRange(before);
        }

        if (_trailing.TryGetValue(key, out var trailing))
        {
            entry.TrailingComment = entry.TrailingComment is null ? trailing : entry.TrailingComment + " " + trailing;
        }
    }

    /// <summary>The comments no entry took: where, how many, and what they were at.</summary>
    public IEnumerable<(SourceSpan At, int Count, string What)> Untaken() =>
        _before.Keys.Concat(_trailing.Keys).Distinct().Where(k => !_taken.Contains(k))
            .Select(k => (k.Span, (_before.TryGetValue(k, out var b) ? b.Count : 0) + (_trailing.ContainsKey(k) ? 1 : 0), $"at '{k.Value}'"))
            .Concat(_orphans.Select(o => (o, 1, "after a list item")));

    private static void Collect(SourceNode node, List<SourceScalar> keys, HashSet<SourceNode> visited)
    {
        if (!visited.Add(node))
        {
            return;
        }

        switch (node)
        {
            case SourceMapping mapping:
                foreach (var (key, value) in mapping.Entries)
                {
                    keys.Add(key);
                    Collect(value, keys, visited);
                }

                break;
            case SourceSequence sequence:
                foreach (var item in sequence.Items)
                {
                    Collect(item, keys, visited);
                }

                break;
        }
    }
}
