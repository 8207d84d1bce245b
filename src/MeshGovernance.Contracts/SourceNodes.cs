using System.Globalization;
using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Contracts;

/// <summary>Comparison and display of YAML nodes for the contract change classifier.</summary>
internal static class SourceNodes
{
    private const int DisplayLength = 60;

    /// <summary>
    /// True when two nodes say the same thing: mapping keys in any order, numbers by value (<c>1</c> and
    /// <c>1.0</c>), booleans in any case, and an absent node the same as an explicit null.
    /// </summary>
    public static bool Equivalent(SourceNode? left, SourceNode? right)
    {
        if (IsNothing(left) || IsNothing(right))
        {
            return IsNothing(left) && IsNothing(right);
        }

        switch (left, right)
        {
            case (SourceScalar a, SourceScalar b):
                return ScalarsEqual(a, b);
            case (SourceMapping a, SourceMapping b):
                if (a.Entries.Count(e => !IsNothing(e.Value)) != b.Entries.Count(e => !IsNothing(e.Value)))
                {
                    return false;
                }

                return a.Entries.All(e => Equivalent(e.Value, b[e.Key.Value]));
            case (SourceSequence a, SourceSequence b):
                if (a.Items.Count != b.Items.Count)
                {
                    return false;
                }

                for (var i = 0; i < a.Items.Count; i++)
                {
                    if (!Equivalent(a.Items[i], b.Items[i]))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    public static bool IsNothing(SourceNode? node) => node is null or SourceScalar { IsNull: true };

    /// <summary>True for a list of mappings (or nothing): the shape whose items can be matched by key.</summary>
    public static bool IsKeyedList(SourceNode? node) =>
        IsNothing(node) || (node is SourceSequence sequence && sequence.Items.All(i => i is SourceMapping));

    /// <summary>The value of a boolean entry, or <paramref name="fallback"/> when it is absent or not a boolean.</summary>
    public static bool Flag(SourceMapping mapping, string key, bool fallback = false) => mapping.GetBoolean(key) ?? fallback;

    public static double? Number(SourceNode? node) =>
        node is SourceScalar { Kind: ScalarKind.Integer or ScalarKind.Float } s
        && double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
            ? n
            : null;

    /// <summary>A short, one-line rendering of a node for a change message.</summary>
    public static string Display(SourceNode? node)
    {
        var text = node switch
        {
            null or SourceScalar { IsNull: true } => "null",
            SourceScalar s => s.Value,
            SourceSequence seq when seq.Items.All(i => i is SourceScalar) =>
                "[" + string.Join(", ", seq.Items.Select(Display)) + "]",
            SourceSequence seq => $"[{seq.Items.Count} items]",
            SourceMapping map => "{" + string.Join(", ", map.Entries.Select(e => $"{e.Key.Value}: {Display(e.Value)}")) + "}",
            _ => "?",
        };
        text = text.ReplaceLineEndings(" ");
        return text.Length <= DisplayLength ? text : string.Concat(text.AsSpan(0, DisplayLength - 1), "…");
    }

    /// <summary>A key that identifies a scalar's value for set comparisons (<c>1</c> and <c>1.0</c> are one value).</summary>
    public static string ValueKey(SourceNode node) => node switch
    {
        SourceScalar { IsNull: true } => "null:",
        SourceScalar s when Number(s) is { } n => "number:" + n.ToString("R", CultureInfo.InvariantCulture),
        SourceScalar { Kind: ScalarKind.Boolean } s => "bool:" + s.Value.ToLowerInvariant(),
        SourceScalar s => "string:" + s.Value,
        _ => "node:" + Display(node),
    };

    /// <summary>
    /// The mapping items of a list, each with the key it is matched by: the key <paramref name="keyOf"/> reads
    /// when present and not repeated, else its position (<c>#3</c>); a repeated key gets a counter (<c>id (2)</c>).
    /// Anything but a sequence is an empty list (schema validation reports the wrong shape).
    /// </summary>
    public static List<KeyedItem> Keyed(SourceNode? list, Func<SourceMapping, string?> keyOf)
    {
        var items = new List<KeyedItem>();
        if (list is not SourceSequence sequence)
        {
            return items;
        }

        // Every item gets a key no other item has: a repeated name, or a name that looks like a position, gets a counter.
        var taken = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            if (sequence.Items[i] is not SourceMapping item)
            {
                continue;
            }

            var natural = keyOf(item);
            var hasKey = !string.IsNullOrWhiteSpace(natural);
            var key = hasKey ? natural! : $"#{i + 1}";
            for (var count = 2; !taken.Add(key); count++)
            {
                key = $"{(hasKey ? natural : $"#{i + 1}")} ({count})";
            }

            items.Add(new KeyedItem(key, item, HasNaturalKey: hasKey));
        }

        return items;
    }

    /// <summary>
    /// Pairs the items of two keyed lists: removed and matched items in base order, then added items in head order.
    /// </summary>
    public static IEnumerable<(string Key, SourceMapping? Base, SourceMapping? Head)> Match(List<KeyedItem> baseItems, List<KeyedItem> headItems)
    {
        var heads = new Dictionary<string, KeyedItem>(StringComparer.Ordinal);
        foreach (var item in headItems)
        {
            heads.TryAdd(item.Key, item);
        }

        var bases = baseItems.Select(i => i.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var item in baseItems)
        {
            yield return (item.Key, item.Node, heads.GetValueOrDefault(item.Key)?.Node);
        }

        foreach (var item in headItems.Where(i => !bases.Contains(i.Key)))
        {
            yield return (item.Key, null, item.Node);
        }
    }

    private static bool ScalarsEqual(SourceScalar a, SourceScalar b)
    {
        if (Number(a) is { } x && Number(b) is { } y)
        {
            return x.Equals(y);
        }

        if (a.Kind == ScalarKind.Boolean && b.Kind == ScalarKind.Boolean)
        {
            return string.Equals(a.Value, b.Value, StringComparison.OrdinalIgnoreCase);
        }

        return a.Kind == b.Kind && string.Equals(a.Value, b.Value, StringComparison.Ordinal);
    }
}

/// <summary>An item of a YAML list with the key it is matched by.</summary>
internal sealed record KeyedItem(string Key, SourceMapping Node, bool HasNaturalKey);
