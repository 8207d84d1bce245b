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

    internal override long ExpandedSize => ExpandedSizeOf(Value);

    internal static long ExpandedSizeOf(string value) => 1 + (value.Length / 128);

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
    // mesh is millions of nodes, so every object per node costs garbage-collection time. For the same reason a
    // key is kept inside its entry (its text, kind and position), not as a node of its own: half the scalars of a
    // mesh are keys. Entries and KeyNode make a key's node the first time it is asked for, and keep it, so a key is
    // one node however often it is read (callers may hold keys in reference-keyed sets).
    private const int IndexThreshold = 16;
    private Entry[] _entries;
    private SourceScalar?[]? _keyNodes;
    private int _count;
    private Dictionary<string, int>? _index;
    private long _expandedSize = 1;
    private int _height = 1;

    /// <param name="capacity">The number of entries, when known (a tree read from the cache): no slack in the array.</param>
    internal SourceMapping(SourceSpan span, int capacity = 0) : base(span) => _entries = capacity == 0 ? [] : new Entry[capacity];

    internal override long ExpandedSize => _expandedSize;

    internal override int Height => _height;

    /// <summary>The entries in document order; a key's node is made the first time it is read, then kept.</summary>
    public IReadOnlyList<KeyValuePair<SourceScalar, SourceNode>> Entries => new EntryList(this);

    /// <summary>The keys in document order, as text: unlike <see cref="Entries"/>, makes no key node.</summary>
    public IEnumerable<string> Keys
    {
        get
        {
            for (var i = 0; i < _count; i++)
            {
                yield return _entries[i].Key;
            }
        }
    }

    public SourceNode? this[string key] => IndexOf(key) is var i and >= 0 ? _entries[i].Value : null;

    public SourceScalar? KeyNode(string key) => IndexOf(key) is var i and >= 0 ? KeyNodeAt(i) : null;

    /// <summary>The number of entries; with <see cref="KeyAt"/> and <see cref="ValueAt"/>, a walk over them that allocates nothing.</summary>
    internal int Count => _count;

    internal string KeyAt(int index) => EntryRef(index).Key;

    internal SourceNode ValueAt(int index) => EntryRef(index).Value;

    internal KeyValuePair<SourceScalar, SourceNode> EntryAt(int index) => new(KeyNodeAt(index), ValueAt(index));

    internal SourceSpan KeySpanAt(int index)
    {
        ref readonly var entry = ref EntryRef(index);
        return new SourceSpan(Span.File, entry.Line, entry.Column, entry.EndLine, entry.EndColumn);
    }

    internal ScalarKind KeyKindAt(int index) => EntryRef(index).KeyKind;

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    private ref readonly Entry EntryRef(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_count, nameof(index));
        return ref _entries[index];
    }

    private SourceScalar KeyNodeAt(int index)
    {
        // Readers may ask from several threads at once: the first node stored wins, and every caller gets that one.
        var nodes = _keyNodes ?? Interlocked.CompareExchange(ref _keyNodes, new SourceScalar?[_entries.Length], null) ?? _keyNodes;
        return nodes[index] ?? Interlocked.CompareExchange(ref nodes[index], new SourceScalar(KeySpanAt(index), KeyAt(index), KeyKindAt(index)), null) ?? nodes[index]!;
    }

    private int IndexOf(string key)
    {
        if (_index is not null)
        {
            return _index.TryGetValue(key, out var i) ? i : -1;
        }

        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_entries[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The span of a key's value, or of the whole mapping when the key is absent.</summary>
    public SourceSpan SpanOf(string key) => this[key]?.Span ?? Span;

    /// <summary>Adds an entry; returns false when the key is already present.</summary>
    internal bool TryAdd(SourceScalar key, SourceNode value) => TryAdd(key.Value, key.Span, key.Kind, value);

    /// <summary>Adds an entry whose key is given by its parts (no key node is kept); false when the key is already present.</summary>
    internal bool TryAdd(string key, SourceSpan keySpan, ScalarKind keyKind, SourceNode value)
    {
        if (IndexOf(key) >= 0)
        {
            return false;
        }

        if (_count == _entries.Length)
        {
            // Only the reader that builds the mapping adds to it, so growing needs no locking.
            Array.Resize(ref _entries, Math.Max(4, _count * 2));
            if (_keyNodes is not null)
            {
                Array.Resize(ref _keyNodes, _entries.Length);
            }
        }

        _entries[_count++] = new Entry(key, keySpan.Line, keySpan.Column, keySpan.EndLine, keySpan.EndColumn, keyKind, value);
        if (_index is not null)
        {
            _index[key] = _count - 1;
        }
        else if (_count > IndexThreshold)
        {
            _index = new Dictionary<string, int>(_count * 2, StringComparer.Ordinal);
            for (var i = 0; i < _count; i++)
            {
                _index[_entries[i].Key] = i;
            }
        }

        _expandedSize += SourceScalar.ExpandedSizeOf(key) + value.ExpandedSize;
        _height = Math.Max(_height, value.Height + 1);
        return true;
    }

    /// <summary>Drops the room the array grew for entries that never came, once the reader has read the whole mapping.</summary>
    internal void TrimExcess()
    {
        if (_count < _entries.Length)
        {
            Array.Resize(ref _entries, _count);
            if (_keyNodes is not null)
            {
                Array.Resize(ref _keyNodes, _count);
            }
        }
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

    /// <summary>A key (its text, kind and position in the mapping's file) and its value.</summary>
    private readonly record struct Entry(string Key, int Line, int Column, int EndLine, int EndColumn, ScalarKind KeyKind, SourceNode Value);

    /// <summary>A read-only view of the entries as key nodes and values.</summary>
    private sealed class EntryList(SourceMapping mapping) : IReadOnlyList<KeyValuePair<SourceScalar, SourceNode>>
    {
        public int Count => mapping._count;

        public KeyValuePair<SourceScalar, SourceNode> this[int index] => mapping.EntryAt(index);

        public IEnumerator<KeyValuePair<SourceScalar, SourceNode>> GetEnumerator()
        {
            for (var i = 0; i < mapping._count; i++)
            {
                yield return mapping.EntryAt(i);
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
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
