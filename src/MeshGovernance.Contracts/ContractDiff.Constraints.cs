using System.Globalization;
using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Contracts;

internal sealed partial class ContractDiff
{
    // A lower upper bound or a higher lower bound lets fewer values through.
    private static readonly HashSet<string> UpperBounds = ["maxLength", "maximum", "exclusiveMaximum", "maxItems", "maxProperties"];
    private static readonly HashSet<string> LowerBounds = ["minLength", "minimum", "exclusiveMinimum", "minItems", "minProperties"];

    private void CompareConstraints(ElementAt at, SourceNode? b, SourceNode? h, SourceMapping headElement)
    {
        var before = b as SourceMapping;
        var after = h as SourceMapping;
        if ((before is null && !SourceNodes.IsNothing(b)) || (after is null && !SourceNodes.IsNothing(h)))
        {
            CompareValue("constraint-tightened", $"{at.Path}.logicalTypeOptions", $"logicalTypeOptions of '{at.Name}'", b, h, headElement);
            return;
        }

        var was = EffectiveOptions(before);
        var now = EffectiveOptions(after);
        CompareBoundsOfOtherKinds(at, was, now, after ?? (SourceNode)headElement);
        foreach (var key in was.Keys.Concat(now.Keys).Distinct(StringComparer.Ordinal))
        {
            var x = was.GetValueOrDefault(key);
            var y = now.GetValueOrDefault(key);
            // `uniqueItems: false` (or an old-style `exclusiveMaximum: false`) says what saying nothing says.
            if (SourceNodes.Equivalent(x, y) || (IsUnset(x) && IsUnset(y)))
            {
                continue;
            }

            var tightened = Tightens(key, x, y);
            var path = $"{at.Path}.logicalTypeOptions.{key}";
            var label = $"{key} of '{at.Name}'";
            var ranked = (UpperBounds.Contains(key) || LowerBounds.Contains(key)) && Rank(x, y) is not null;
            var verb = ranked ? (tightened ? "tightens" : "loosens") : "changes";
            var message = (SourceNodes.IsNothing(x), SourceNodes.IsNothing(y)) switch
            {
                (true, _) => $"{label} is added: {SourceNodes.Display(y)}",
                (_, true) => $"{label} is removed (was {SourceNodes.Display(x)})",
                _ => $"{label} {verb} from {SourceNodes.Display(x)} to {SourceNodes.Display(y)}",
            };
            Add(tightened ? "constraint-tightened" : "constraint-loosened", path, message, x, y, after ?? (SourceNode)headElement);
        }
    }

    /// <summary>
    /// A bound that changes kind (<c>exclusiveMaximum: 100</c> to <c>maximum: 100</c>, or the reverse) is one
    /// change of one bound, compared by value and then by kind: an inclusive bound at the same value lets one
    /// more value through. Both keys are then left out of the key-by-key comparison.
    /// </summary>
    private void CompareBoundsOfOtherKinds(ElementAt at, Dictionary<string, SourceNode?> was, Dictionary<string, SourceNode?> now, SourceNode where)
    {
        foreach (var (inclusive, exclusive) in new[] { ("maximum", "exclusiveMaximum"), ("minimum", "exclusiveMinimum") })
        {
            var wasKey = BoundKey(was, inclusive, exclusive);
            var nowKey = BoundKey(now, inclusive, exclusive);
            if (wasKey is null || nowKey is null || wasKey == nowKey || was.ContainsKey(nowKey) || now.ContainsKey(wasKey))
            {
                continue;
            }

            var (x, y) = (was[wasKey], now[nowKey]);
            was.Remove(wasKey);
            now.Remove(nowKey);
            var upper = inclusive == "maximum";
            var order = Rank(x, y);
            var tightened = order switch
            {
                null => true,
                0 => nowKey == exclusive,
                _ => upper ? order < 0 : order > 0,
            };
            var label = $"the {(upper ? "upper" : "lower")} bound of '{at.Name}'";
            Add(tightened ? "constraint-tightened" : "constraint-loosened", $"{at.Path}.logicalTypeOptions.{nowKey}",
                $"{label} {(tightened ? "tightens" : "loosens")} from {wasKey} {SourceNodes.Display(x)} to {nowKey} {SourceNodes.Display(y)}", x, y, where);
        }
    }

    /// <summary>The key of the bound a side states: the exclusive one when it is a value, else the inclusive one.</summary>
    private static string? BoundKey(Dictionary<string, SourceNode?> options, string inclusive, string exclusive) =>
        options.GetValueOrDefault(exclusive) is { } bound && !SourceNodes.IsNothing(bound) && bound is not SourceScalar { Kind: ScalarKind.Boolean } ? exclusive
        : options.GetValueOrDefault(inclusive) is { } value && !SourceNodes.IsNothing(value) ? inclusive
        : null;

    /// <summary>
    /// The options by key, with ODCS v3.0's boolean exclusive bounds read as v3.1 writes them:
    /// <c>maximum: 100, exclusiveMaximum: true</c> is <c>exclusiveMaximum: 100</c>, so that migrating a contract
    /// from v3.0 to v3.1 changes no constraint.
    /// </summary>
    private static Dictionary<string, SourceNode?> EffectiveOptions(SourceMapping? options)
    {
        var effective = new Dictionary<string, SourceNode?>(StringComparer.Ordinal);
        foreach (var entry in options?.Entries ?? [])
        {
            effective[entry.Key.Value] = entry.Value;
        }

        foreach (var (flag, bound) in new[] { ("exclusiveMaximum", "maximum"), ("exclusiveMinimum", "minimum") })
        {
            if (effective.GetValueOrDefault(flag) is SourceScalar { Kind: ScalarKind.Boolean } exclusive
                && exclusive.Value.Equals("true", StringComparison.OrdinalIgnoreCase)
                && effective.GetValueOrDefault(bound) is { } value && !SourceNodes.IsNothing(value))
            {
                effective[flag] = value;
                effective.Remove(bound);
            }
        }

        return effective;
    }

    private static bool IsUnset(SourceNode? option) =>
        SourceNodes.IsNothing(option) || option is SourceScalar { Kind: ScalarKind.Boolean } flag && flag.Value.Equals("false", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// True when the new value of an option lets fewer values through, or when that cannot be told (a changed
    /// pattern or format, bounds that cannot be ranked): a contract change is breaking unless shown otherwise.
    /// </summary>
    private static bool Tightens(string key, SourceNode? before, SourceNode? after)
    {
        if (SourceNodes.IsNothing(after))
        {
            return false;
        }

        if (SourceNodes.IsNothing(before))
        {
            // A new bound or pattern restricts; a new `uniqueItems: false` does not.
            return !(after is SourceScalar { Kind: ScalarKind.Boolean } flag && flag.Value.Equals("false", StringComparison.OrdinalIgnoreCase));
        }

        if (before is SourceScalar { Kind: ScalarKind.Boolean } was && after is SourceScalar { Kind: ScalarKind.Boolean } now)
        {
            // uniqueItems, and exclusiveMaximum/exclusiveMinimum as booleans in older JSON Schema drafts.
            return now.Value.Equals("true", StringComparison.OrdinalIgnoreCase) && !was.Value.Equals("true", StringComparison.OrdinalIgnoreCase);
        }

        if (key == "required" && before is SourceSequence && after is SourceSequence)
        {
            // logicalTypeOptions.required of an object: more names required is stricter.
            var names = ((SourceSequence)before).Items.Select(SourceNodes.ValueKey).ToHashSet(StringComparer.Ordinal);
            return ((SourceSequence)after).Items.Select(SourceNodes.ValueKey).Any(v => !names.Contains(v));
        }

        var upper = UpperBounds.Contains(key);
        if ((upper || LowerBounds.Contains(key)) && Rank(before, after) is { } order)
        {
            return upper ? order < 0 : order > 0;
        }

        return true;
    }

    /// <summary>Orders two bounds: numbers by value, dates, times and timestamps by instant; null when they cannot be ranked.</summary>
    private static int? Rank(SourceNode? before, SourceNode? after)
    {
        if (SourceNodes.Number(before) is { } x && SourceNodes.Number(after) is { } y)
        {
            return y.CompareTo(x);
        }

        if (before is SourceScalar a && after is SourceScalar b)
        {
            if (DateTimeOffset.TryParse(a.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d1)
                && DateTimeOffset.TryParse(b.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d2))
            {
                return d2.CompareTo(d1);
            }

            if (TimeSpan.TryParse(a.Value, CultureInfo.InvariantCulture, out var t1) && TimeSpan.TryParse(b.Value, CultureInfo.InvariantCulture, out var t2))
            {
                return t2.CompareTo(t1);
            }

            if (double.TryParse(a.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n1)
                && double.TryParse(b.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n2))
            {
                return n2.CompareTo(n1);
            }
        }

        return null;
    }
}
