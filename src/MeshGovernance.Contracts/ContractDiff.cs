using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Contracts;

/// <summary>
/// The walk behind <see cref="ContractChangeClassifier"/>: one instance per comparison, collecting changes in
/// document order. This part holds the contract's top level; the schema, its constraints and quality rules,
/// and the operational sections (servers, SLA, roles, team, support) are in the other parts.
/// </summary>
internal sealed partial class ContractDiff
{
    public List<ContractChange> Changes { get; } = [];

    /// <summary>Records a change. <paramref name="headAnchor"/> is where to show a removal at head: the nearest node that remains.</summary>
    public void Add(string rule, string path, string message, SourceNode? baseNode, SourceNode? headNode, SourceNode? headAnchor = null)
    {
        var definition = ContractChangeRules.Find(rule)
            ?? throw new InvalidOperationException($"The classifier used rule '{rule}', which ContractChangeRules does not define.");
        var gone = SourceNodes.IsNothing(headNode);
        var head = gone ? headAnchor : headNode;
        Changes.Add(new ContractChange(definition.Severity, rule, path, message, baseNode?.Span, head?.Span) { HeadIsNearest = gone && head is not null });
    }

    public void CompareContracts(SourceMapping b, SourceMapping h)
    {
        var baseId = b.GetString("id");
        var headId = h.GetString("id");
        if (baseId is not null && !string.Equals(baseId, headId, StringComparison.Ordinal))
        {
            Add("contract-removed", "id", $"the contract's id changes from '{baseId}' to '{headId ?? "(none)"}': consumers of '{baseId}' lose it", b["id"], h["id"], h);
        }
        else if (baseId is null)
        {
            CompareValue("metadata-changed", "id", "id", b["id"], h["id"], h);
        }

        CompareStatus(b, h);
        CompareDescription(b["description"], h["description"], h);
        CompareSchema(b, h);
        CompareServers(b["servers"], h["servers"], h);
        CompareSla(b["slaProperties"], h["slaProperties"], h);
        CompareRoles(b["roles"], h["roles"], "roles", key => $"access role '{key}'", h);
        CompareTeam(b["team"], h["team"], h);
        CompareSupport(b["support"], h["support"], h);
        CompareOther(b, h, "", "the contract", TopLevelKeys, h);
    }

    // Keys with a rule of their own; `version` is what the changes are judged against, not a change.
    private static readonly HashSet<string> TopLevelKeys =
        ["id", "version", "status", "description", "schema", "servers", "slaProperties", "roles", "team", "support"];

    private static readonly HashSet<string> DescriptionKeys = ["purpose", "usage", "limitations"];

    private void CompareStatus(SourceMapping b, SourceMapping h)
    {
        var before = b.GetString("status");
        var after = h.GetString("status");
        if (string.Equals(before, after, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var rule = after?.ToLowerInvariant() switch
        {
            "retired" => "status-retired",
            "deprecated" => "status-deprecated",
            _ => "status-changed",
        };
        Add(rule, "status", $"status changes from '{before ?? "(none)"}' to '{after ?? "(none)"}'", b["status"], h["status"], h);
    }

    private void CompareDescription(SourceNode? b, SourceNode? h, SourceMapping headParent)
    {
        if (b is SourceMapping before && h is SourceMapping after)
        {
            foreach (var key in UnionOfKeys(before, after).Where(k => k is "purpose" or "usage" or "limitations"))
            {
                CompareValue("description-changed", $"description.{key}", $"description.{key}", before[key], after[key], after);
            }

            CompareOther(before, after, "description", "the description", DescriptionKeys, after);
            return;
        }

        CompareValue("description-changed", "description", "description", b, h, headParent);
    }

    /// <summary>
    /// Reports every key of the two mappings that has no rule of its own (not in <paramref name="handled"/>) and
    /// differs, as <c>metadata-changed</c> (or <c>description-changed</c> for wording).
    /// </summary>
    private void CompareOther(SourceMapping b, SourceMapping h, string path, string owner, IReadOnlySet<string> handled, SourceMapping headParent)
    {
        foreach (var key in UnionOfKeys(b, h).Where(k => !handled.Contains(k)))
        {
            var rule = key is "description" or "businessName" ? "description-changed" : "metadata-changed";
            var at = path.Length == 0 ? key : $"{path}.{key}";
            switch (key)
            {
                case "tags":
                    CompareTags(at, owner, b[key], h[key], headParent);
                    break;
                case "customProperties":
                    CompareCustomProperties(at, owner, b[key], h[key], headParent);
                    break;
                default:
                    CompareValue(rule, at, path.Length == 0 ? key : $"{key} of {owner}", b[key], h[key], headParent);
                    break;
            }
        }
    }

    /// <summary>Reports one value that is added, removed or changed, under <paramref name="rule"/>.</summary>
    private void CompareValue(string rule, string path, string label, SourceNode? b, SourceNode? h, SourceNode headParent)
    {
        if (SourceNodes.Equivalent(b, h))
        {
            return;
        }

        // Two mappings: name what changed inside rather than print both whole.
        if (b is SourceMapping before && h is SourceMapping after)
        {
            foreach (var key in UnionOfKeys(before, after))
            {
                CompareValue(rule, $"{path}.{key}", $"{key} in {label}", before[key], after[key], after);
            }

            return;
        }

        var message = (SourceNodes.IsNothing(b), SourceNodes.IsNothing(h)) switch
        {
            (true, _) => $"{label} is added: '{SourceNodes.Display(h)}'",
            (_, true) => $"{label} is removed (was '{SourceNodes.Display(b)}')",
            _ => $"{label} changes from '{SourceNodes.Display(b)}' to '{SourceNodes.Display(h)}'",
        };
        Add(rule, path, message, b, h, headParent);
    }

    // Tags are a set: reordering them is not a change.
    private void CompareTags(string path, string owner, SourceNode? b, SourceNode? h, SourceNode headParent)
    {
        if (!IsListOrNothing(b) || !IsListOrNothing(h))
        {
            CompareValue("metadata-changed", path, $"tags of {owner}", b, h, headParent);
            return;
        }

        var before = ScalarSet(b);
        var after = ScalarSet(h);
        var removed = before.Keys.Where(k => !after.ContainsKey(k)).Select(k => before[k]).ToList();
        var added = after.Keys.Where(k => !before.ContainsKey(k)).Select(k => after[k]).ToList();
        if (removed.Count == 0 && added.Count == 0)
        {
            return;
        }

        var parts = new List<string>();
        if (added.Count > 0)
        {
            parts.Add("adds " + string.Join(", ", added.Select(t => $"'{t}'")));
        }

        if (removed.Count > 0)
        {
            parts.Add("removes " + string.Join(", ", removed.Select(t => $"'{t}'")));
        }

        Add("metadata-changed", path, $"tags of {owner}: {string.Join("; ", parts)}", b, h, headParent);
    }

    // Custom properties are matched by their `property`, so reordering them is not a change.
    private void CompareCustomProperties(string path, string owner, SourceNode? b, SourceNode? h, SourceNode headParent) =>
        CompareItems(b, h, m => m.GetString("property"),
            new ListRules(path, "metadata-changed",
                "metadata-changed", (key, y) => $"custom property '{key}' of {owner} is added: '{SourceNodes.Display(y["value"])}'",
                "metadata-changed", (key, x) => $"custom property '{key}' of {owner} is removed (was '{SourceNodes.Display(x["value"])}')"),
            headParent,
            (key, itemPath, x, y) =>
            {
                foreach (var other in UnionOfKeys(x, y).Where(k => k is not "property"))
                {
                    CompareValue("metadata-changed", $"{itemPath}.{other}", $"{other} of custom property '{key}' of {owner}", x[other], y[other], y);
                }
            });

    /// <summary>How to report one keyed list: where it is, and the rule and words for an item added, removed, or (when it is not a list of mappings) the whole list changed.</summary>
    private sealed record ListRules(string Path, string WholeRule, string AddedRule, Func<string, SourceMapping, string> Added, string RemovedRule, Func<string, SourceMapping, string> Removed);

    /// <summary>
    /// Matches the items of two lists by key (see <see cref="SourceNodes.Keyed"/>): an item only at head is
    /// added, one only at base removed (shown at head on the list, or on <paramref name="headParent"/>), and
    /// <paramref name="both"/> compares an item present at both, given its key and path.
    /// </summary>
    private void CompareItems(SourceNode? b, SourceNode? h, Func<SourceMapping, string?> keyOf, ListRules rules, SourceNode headParent, Action<string, string, SourceMapping, SourceMapping> both)
    {
        if (ComparedWhole(rules.WholeRule, rules.Path, rules.Path, b, h, headParent))
        {
            return;
        }

        foreach (var (key, x, y) in SourceNodes.Match(SourceNodes.Keyed(b, keyOf), SourceNodes.Keyed(h, keyOf)))
        {
            var path = $"{rules.Path}[{key}]";
            if (x is null)
            {
                Add(rules.AddedRule, path, rules.Added(key, y!), null, y);
            }
            else if (y is null)
            {
                Add(rules.RemovedRule, path, rules.Removed(key, x), x, null, h ?? headParent);
            }
            else
            {
                both(key, path, x, y);
            }
        }
    }

    private static bool IsListOrNothing(SourceNode? node) => node is SourceSequence || SourceNodes.IsNothing(node);

    /// <summary>
    /// True (after reporting any difference of the whole value under <paramref name="rule"/>) when either side is
    /// not a list of mappings, so its items cannot be matched by key. Schema validation reports the shape.
    /// </summary>
    private bool ComparedWhole(string rule, string path, string label, SourceNode? b, SourceNode? h, SourceNode headParent)
    {
        if (SourceNodes.IsKeyedList(b) && SourceNodes.IsKeyedList(h))
        {
            return false;
        }

        CompareValue(rule, path, $"{label} (not a list of mappings: compared as a whole)", b, h, headParent);
        return true;
    }

    private static Dictionary<string, string> ScalarSet(SourceNode? node)
    {
        var set = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is SourceSequence sequence)
        {
            foreach (var item in sequence.Items)
            {
                set.TryAdd(SourceNodes.ValueKey(item), SourceNodes.Display(item));
            }
        }

        return set;
    }

    private static IEnumerable<string> UnionOfKeys(SourceMapping b, SourceMapping h) =>
        b.Entries.Select(e => e.Key.Value).Concat(h.Entries.Select(e => e.Key.Value)).Distinct(StringComparer.Ordinal);
}
