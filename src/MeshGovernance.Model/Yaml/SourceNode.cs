using MeshGovernance.Model.Diagnostics;

namespace MeshGovernance.Model.Yaml;

/// <summary>
/// A YAML node with the span it was read from. The loader builds these itself (rather than using
/// YamlDotNet's representation model) so that depth, size and alias expansion stay bounded.
/// An alias shares the anchored node, so one node may appear at several places in a document.
/// </summary>
public abstract class SourceNode
{
    private protected SourceNode(SourceSpan span) => Span = span;

    /// <summary>From the node's first character to just after its last (set when the node is complete).</summary>
    public SourceSpan Span { get; internal set; }

    /// <summary>
    /// The size this node stands for once aliases are expanded: one per node, plus one per 128 characters
    /// of scalar text, so that aliasing a long string many times is bounded too.
    /// </summary>
    /// <remarks>A scalar computes it (and <see cref="Height"/>) rather than storing it: a large mesh holds millions of scalars.</remarks>
    internal abstract long ExpandedSize { get; }

    /// <summary>Levels of nesting below and including this node (a scalar has height 1).</summary>
    internal abstract int Height { get; }
}

/// <summary>A scalar. <see cref="Kind"/> is its YAML 1.2 core-schema type; dates stay strings.</summary>
public sealed class SourceScalar : SourceNode
{
    internal SourceScalar(SourceSpan span, string value, ScalarKind kind) : base(span)
    {
        Value = value;
        Kind = kind;
    }

    internal override long ExpandedSize => 1 + (Value.Length / 128);

    internal override int Height => 1;

    /// <summary>The scalar's text as written (after YAML unescaping).</summary>
    public string Value { get; }

    public ScalarKind Kind { get; }

    public bool IsNull => Kind == ScalarKind.Null;
}

public enum ScalarKind : byte
{
    String,
    Integer,
    Float,
    Boolean,
    Null,
}

/// <summary>A mapping with string keys, in document order.</summary>
public sealed class SourceMapping : SourceNode
{
    // Most mappings have a handful of keys: a linear search beats a dictionary, and the tree of a large
    // mesh is millions of nodes, so every object per node costs garbage-collection time.
    private const int IndexThreshold = 16;
    private readonly List<KeyValuePair<SourceScalar, SourceNode>> _entries;
    private Dictionary<string, int>? _index;
    private long _expandedSize = 1;
    private int _height = 1;

    /// <param name="capacity">The number of entries, when known (a tree read from the cache): no slack in the list.</param>
    internal SourceMapping(SourceSpan span, int capacity = 0) : base(span) => _entries = new(capacity);

    internal override long ExpandedSize => _expandedSize;

    internal override int Height => _height;

    public IReadOnlyList<KeyValuePair<SourceScalar, SourceNode>> Entries => _entries.AsReadOnly();

    public SourceNode? this[string key] => IndexOf(key) is var i and >= 0 ? _entries[i].Value : null;

    public SourceScalar? KeyNode(string key) => IndexOf(key) is var i and >= 0 ? _entries[i].Key : null;

    /// <summary>The number of entries; with <see cref="EntryAt"/>, a walk over them that allocates nothing.</summary>
    internal int Count => _entries.Count;

    internal KeyValuePair<SourceScalar, SourceNode> EntryAt(int index) => _entries[index];

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    private int IndexOf(string key)
    {
        if (_index is not null)
        {
            return _index.TryGetValue(key, out var i) ? i : -1;
        }

        for (var i = 0; i < _entries.Count; i++)
        {
            if (string.Equals(_entries[i].Key.Value, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The span of a key's value, or of the whole mapping when the key is absent.</summary>
    public SourceSpan SpanOf(string key) => this[key]?.Span ?? Span;

    /// <summary>Adds an entry; returns false when the key is already present.</summary>
    internal bool TryAdd(SourceScalar key, SourceNode value)
    {
        if (IndexOf(key.Value) >= 0)
        {
            return false;
        }

        _entries.Add(new(key, value));
        if (_index is not null)
        {
            _index[key.Value] = _entries.Count - 1;
        }
        else if (_entries.Count > IndexThreshold)
        {
            _index = new Dictionary<string, int>(_entries.Count * 2, StringComparer.Ordinal);
            for (var i = 0; i < _entries.Count; i++)
            {
                _index[_entries[i].Key.Value] = i;
            }
        }
        _expandedSize += key.ExpandedSize + value.ExpandedSize;
        _height = Math.Max(_height, value.Height + 1);
        return true;
    }

    /// <summary>The string value of a scalar entry, or null when it is absent or not a scalar.</summary>
    public string? GetString(string key) => this[key] is SourceScalar { IsNull: false } s ? s.Value : null;

    public bool? GetBoolean(string key) =>
        this[key] is SourceScalar { Kind: ScalarKind.Boolean } s ? s.Value.Equals("true", StringComparison.OrdinalIgnoreCase) : null;

    public SourceMapping? GetMapping(string key) => this[key] as SourceMapping;

    /// <summary>The items of a sequence entry that are mappings; empty when absent or of another shape.</summary>
    public IEnumerable<SourceMapping> GetMappings(string key) =>
        this[key] is SourceSequence seq ? seq.Items.OfType<SourceMapping>() : [];

    /// <summary>The scalar items of a sequence entry as strings; empty when absent or of another shape.</summary>
    public IReadOnlyList<string> GetStrings(string key) =>
        this[key] is SourceSequence seq
            ? seq.Items.OfType<SourceScalar>().Where(s => !s.IsNull).Select(s => s.Value).ToList().AsReadOnly()
            : [];
}

public sealed class SourceSequence : SourceNode
{
    private readonly List<SourceNode> _items;
    private long _expandedSize = 1;
    private int _height = 1;

    /// <param name="capacity">The number of items, when known (a tree read from the cache): no slack in the list.</param>
    internal SourceSequence(SourceSpan span, int capacity = 0) : base(span) => _items = new(capacity);

    internal override long ExpandedSize => _expandedSize;

    internal override int Height => _height;

    public IReadOnlyList<SourceNode> Items => _items.AsReadOnly();

    /// <summary>The number of items; with <see cref="ItemAt"/>, a walk over them that allocates nothing.</summary>
    internal int Count => _items.Count;

    internal SourceNode ItemAt(int index) => _items[index];

    internal void Add(SourceNode item)
    {
        _items.Add(item);
        _expandedSize += item.ExpandedSize;
        _height = Math.Max(_height, item.Height + 1);
    }
}
