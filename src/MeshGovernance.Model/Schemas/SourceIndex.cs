using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Model.Schemas;

/// <summary>Finds the YAML node (or mapping key) that starts at a given line and column.</summary>
internal sealed class SourceIndex
{
    private readonly Dictionary<(int Line, int Column), SourceNode> _values = [];
    private readonly Dictionary<(int Line, int Column), (SourceScalar Key, SourceMapping Owner)> _keys = [];

    public static SourceIndex Build(SourceNode root)
    {
        var index = new SourceIndex();
        var visited = new HashSet<SourceNode>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<SourceNode>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (!visited.Add(node))
            {
                continue;
            }

            index._values.TryAdd((node.Span.Line, node.Span.Column), node);
            switch (node)
            {
                case SourceMapping mapping:
                    foreach (var (key, value) in mapping.Entries)
                    {
                        index._keys.TryAdd((key.Span.Line, key.Span.Column), (key, mapping));
                        pending.Push(value);
                    }

                    break;
                case SourceSequence sequence:
                    foreach (var item in sequence.Items)
                    {
                        pending.Push(item);
                    }

                    break;
            }
        }

        return index;
    }

    public SourceNode? ValueAt(int line, int column) => _values.GetValueOrDefault((line, column));

    public SourceScalar? KeyAt(int line, int column) => _keys.TryGetValue((line, column), out var key) ? key.Key : null;

    /// <summary>
    /// The node at a validator path such as <c>#/servers[0].host</c> (see <see cref="SchemaError.Path"/>).
    /// Keys may contain dots, so the longest key that fits is taken at each mapping.
    /// </summary>
    public static SourceNode? FindByPath(SourceNode root, string? path)
    {
        var rest = (path ?? string.Empty).TrimStart('#').TrimStart('/');
        var node = root;
        while (rest.Length > 0 && node is not null)
        {
            if (rest[0] == '[')
            {
                var close = rest.IndexOf(']');
                if (close < 0 || node is not SourceSequence sequence || !int.TryParse(rest.AsSpan(1, close - 1), out var index) || index >= sequence.Items.Count)
                {
                    return null;
                }

                node = sequence.Items[index];
                rest = rest[(close + 1)..];
            }
            else
            {
                rest = rest.TrimStart('.');
                if (node is not SourceMapping mapping)
                {
                    return null;
                }

                var key = mapping.Entries
                    .Select(e => e.Key.Value)
                    .Where(k => rest.StartsWith(k, StringComparison.Ordinal) && (rest.Length == k.Length || rest[k.Length] is '.' or '['))
                    .MaxBy(k => k.Length);
                if (key is null)
                {
                    return null;
                }

                node = mapping[key];
                rest = rest[key.Length..];
            }
        }

        return node;
    }
}
