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
}
