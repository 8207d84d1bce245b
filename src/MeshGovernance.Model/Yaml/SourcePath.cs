using System.Text;

namespace MeshGovernance.Model.Yaml;

/// <summary>
/// Names the place a line and column point at by the keys leading to it, such as
/// <c>schema[orders].properties[email].classification</c>: list items that carry a name (<c>name</c>, <c>id</c>,
/// <c>server</c>, …) are named by it, others by their position. Unlike a line number, the path does not move
/// when lines are added elsewhere in the file.
/// </summary>
public static class SourcePath
{
    private static readonly string[] NamingKeys = ["name", "id", "server", "property", "username", "role", "channel", "url"];

    public static string At(SourceNode root, int line, int column)
    {
        var path = new StringBuilder();
        var node = root;
        while (true)
        {
            switch (node)
            {
                // A finding on a mapping itself (a contract, a schema object) points at its start, which is its
                // first key's too: it names the mapping, not that key.
                case SourceMapping mapping when Starts(mapping.Span.Line, mapping.Span.Column, line, column):
                    return path.ToString();
                case SourceMapping mapping:
                    SourceNode? next = null;
                    foreach (var (key, value) in mapping.Entries)
                    {
                        if (Starts(key.Span.Line, key.Span.Column, line, column) || Contains(value, line, column))
                        {
                            Append(path, key.Value);
                            next = Starts(key.Span.Line, key.Span.Column, line, column) ? null : value;
                            if (next is null)
                            {
                                return path.ToString();
                            }

                            break;
                        }
                    }

                    if (next is null)
                    {
                        return path.ToString();
                    }

                    node = next;
                    break;
                case SourceSequence sequence:
                    var index = -1;
                    for (var i = 0; i < sequence.Items.Count && index < 0; i++)
                    {
                        index = Contains(sequence.Items[i], line, column) ? i : -1;
                    }

                    if (index < 0)
                    {
                        return path.ToString();
                    }

                    node = sequence.Items[index];
                    path.Append('[').Append(Label(node) ?? index.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(']');
                    break;
                default:
                    return path.ToString();
            }
        }
    }

    private static string? Label(SourceNode item) => item is SourceMapping mapping
        ? NamingKeys.Select(k => mapping[k]).OfType<SourceScalar>().FirstOrDefault(s => !s.IsNull && s.Value.Length > 0)?.Value
        : null;

    private static void Append(StringBuilder path, string key)
    {
        if (path.Length > 0)
        {
            path.Append('.');
        }

        path.Append(key);
    }

    private static bool Starts(int nodeLine, int nodeColumn, int line, int column) => nodeLine == line && nodeColumn == column;

    /// <summary>Whether the position is at the node's start or inside its span (the end is exclusive).</summary>
    private static bool Contains(SourceNode node, int line, int column)
    {
        var span = node.Span;
        var afterStart = line > span.Line || (line == span.Line && column >= span.Column);
        var beforeEnd = line < span.EndLine || (line == span.EndLine && column < span.EndColumn);
        return afterStart && (beforeEnd || Starts(span.Line, span.Column, line, column));
    }
}
