using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Contracts;

internal sealed partial class ContractDiff
{
    /// <summary>
    /// Quality rules are matched by id, then by name; rules with neither are matched to an identical rule, then
    /// to the only rule of the same type and metric. The <c>validValues</c> of a rule (ODCS 3.1 keeps a
    /// property's allowed values there) are compared as a set.
    /// </summary>
    private void CompareQuality(ElementAt at, SourceNode? b, SourceNode? h, SourceMapping headElement)
    {
        if (ComparedWhole("quality-changed", $"{at.Path}.quality", $"quality of '{at.Name}'", b, h, headElement))
        {
            return;
        }

        var before = SourceNodes.Keyed(b, m => m.GetString("id") ?? m.GetString("name"));
        var after = SourceNodes.Keyed(h, m => m.GetString("id") ?? m.GetString("name"));
        var pairs = SourceNodes.Match(before.Where(i => i.HasNaturalKey).ToList(), after.Where(i => i.HasNaturalKey).ToList()).ToList();
        pairs.AddRange(MatchUnnamed(before.Where(i => !i.HasNaturalKey).ToList(), after.Where(i => !i.HasNaturalKey).ToList()));

        foreach (var (key, x, y) in pairs)
        {
            var path = $"{at.Path}.quality[{key}]";
            var label = $"quality rule '{Describe(key, x ?? y!)}' of '{at.Name}'";
            switch (x, y)
            {
                case (null, not null):
                    Add("quality-added", path, $"{label} is added", null, y);
                    break;
                case (not null, null):
                    Add("quality-removed", path, $"{label} is removed", x, null, h ?? headElement);
                    break;
                case (not null, not null):
                    CompareQualityRule(path, label, at, x, y);
                    break;
            }
        }
    }

    private void CompareQualityRule(string path, string label, ElementAt at, SourceMapping b, SourceMapping h)
    {
        var validBefore = ValidValuesOf(b);
        var validAfter = ValidValuesOf(h);
        if (validBefore is not null && validAfter is not null)
        {
            var was = ValueSet(validBefore);
            var now = ValueSet(validAfter);
            var removed = was.Where(v => !now.ContainsKey(v.Key)).Select(v => v.Value).ToList();
            var added = now.Where(v => !was.ContainsKey(v.Key)).Select(v => v.Value).ToList();
            if (removed.Count > 0)
            {
                Add("valid-values-removed", $"{path}.arguments.validValues", $"'{at.Name}' no longer accepts {Quote(removed)} ({label})", validBefore, validAfter);
            }

            if (added.Count > 0)
            {
                Add("valid-values-added", $"{path}.arguments.validValues", $"'{at.Name}' now accepts {Quote(added)} ({label})", validBefore, validAfter);
            }
        }

        var changed = ChangedKeys(b, h, comparingValidValues: validBefore is not null && validAfter is not null);
        if (changed.Count > 0)
        {
            var first = changed[0];
            Add("quality-changed", path, $"{label} changes: {string.Join("; ", changed.Select(c => c.Text))}", b, first.Head ?? h, h);
        }
    }

    /// <summary>The differing keys of two rules (and of their <c>arguments</c>), leaving out validValues when they are compared as a set.</summary>
    private static List<(string Text, SourceNode? Head)> ChangedKeys(SourceMapping b, SourceMapping h, bool comparingValidValues)
    {
        var changes = new List<(string, SourceNode?)>();
        foreach (var key in UnionOfKeys(b, h))
        {
            if (key == "arguments" && b[key] is SourceMapping x && h[key] is SourceMapping y)
            {
                foreach (var argument in UnionOfKeys(x, y).Where(k => !(comparingValidValues && k == "validValues")))
                {
                    if (!SourceNodes.Equivalent(x[argument], y[argument]))
                    {
                        changes.Add(($"arguments.{argument} {SourceNodes.Display(x[argument])} → {SourceNodes.Display(y[argument])}", y[argument]));
                    }
                }
            }
            else if (!SourceNodes.Equivalent(b[key], h[key]))
            {
                changes.Add(($"{key} {SourceNodes.Display(b[key])} → {SourceNodes.Display(h[key])}", h[key]));
            }
        }

        return changes;
    }

    private static SourceSequence? ValidValuesOf(SourceMapping rule) =>
        rule["arguments"] is SourceMapping arguments ? arguments["validValues"] as SourceSequence : null;

    private static Dictionary<string, string> ValueSet(SourceSequence values) =>
        values.Items.GroupBy(SourceNodes.ValueKey, StringComparer.Ordinal).ToDictionary(g => g.Key, g => SourceNodes.Display(g.First()), StringComparer.Ordinal);

    private static IEnumerable<(string Key, SourceMapping? Base, SourceMapping? Head)> MatchUnnamed(List<KeyedItem> before, List<KeyedItem> after)
    {
        var unmatchedHeads = after.ToList();
        var unmatchedBases = new List<KeyedItem>();
        var pairs = new List<(string, SourceMapping?, SourceMapping?)>();
        foreach (var item in before)
        {
            var same = unmatchedHeads.FirstOrDefault(h => SourceNodes.Equivalent(item.Node, h.Node));
            if (same is not null)
            {
                unmatchedHeads.Remove(same);
            }
            else
            {
                unmatchedBases.Add(item);
            }
        }

        foreach (var item in unmatchedBases)
        {
            var shape = Shape(item.Node);
            var sameShape = unmatchedHeads.Where(h => Shape(h.Node) == shape).ToList();
            if (sameShape.Count == 1 && unmatchedBases.Count(b => Shape(b.Node) == shape) == 1)
            {
                unmatchedHeads.Remove(sameShape[0]);
                pairs.Add((item.Key, item.Node, sameShape[0].Node));
            }
            else
            {
                pairs.Add((item.Key, item.Node, null));
            }
        }

        pairs.AddRange(unmatchedHeads.Select(h => (h.Key, (SourceMapping?)null, (SourceMapping?)h.Node)));
        return pairs;
    }

    private static string Shape(SourceMapping rule) =>
        $"{rule.GetString("type") ?? "library"}|{rule.GetString("metric") ?? rule.GetString("rule")}|{rule.GetString("dimension")}";

    private static string Describe(string key, SourceMapping rule) =>
        key.StartsWith('#') ? $"{key} ({rule.GetString("metric") ?? rule.GetString("rule") ?? rule.GetString("type") ?? "text"})" : key;

    private static string Quote(IEnumerable<string> values) => string.Join(", ", values.Select(v => $"'{v}'"));
}
