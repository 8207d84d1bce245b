using System.Text.RegularExpressions;
using MeshGovernance.Contracts;
using MeshGovernance.Model.Graph;
using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Site;

/// <summary>
/// Which contracts are versions of one contract, and which version replaces which. In a mesh a new major version
/// of a contract is a new file with a new id (<c>orders.order-events.v2</c> beside <c>orders.order-events.v1</c>),
/// published beside the old one while consumers move; minor versions live in the same file and its changelog.
/// The rule:
/// <list type="number">
/// <item>Two contracts are versions of one contract when they sit in the same domain folder and have the same
/// <c>name</c>; a contract without a name counts by its id with a trailing version suffix removed
/// (<c>.v2</c>, <c>-v2</c>, <c>_v2</c>). The versions are ordered by <c>version</c> as semantic versions (a release
/// candidate before its release), then other versions as text.</item>
/// <item>A contract's successor is the contract its custom property <c>replacedBy</c> names, when the mesh holds it;
/// else the contract whose <c>replaces</c> names it; otherwise, for a deprecated or retired contract only, the next
/// higher version of its group.</item>
/// <item>A contract replaces every contract whose successor it is, and the one its custom property
/// <c>replaces</c> names, when the mesh holds it.</item>
/// </list>
/// Contracts linked by <c>replacedBy</c> or <c>replaces</c> are listed among each other's versions even when
/// their names differ. Duplicated ids resolve to the first contract, as everywhere in the graph.
/// </summary>
public sealed partial class ContractVersions
{
    private readonly Dictionary<DataContract, List<DataContract>> _versions = [];
    private readonly Dictionary<DataContract, DataContract> _successors = [];
    private readonly Dictionary<DataContract, List<DataContract>> _predecessors = [];

    public ContractVersions(Mesh mesh)
    {
        var groups = mesh.Contracts
            .GroupBy(c => (c.DomainFolder, Name: GroupName(c)))
            .Select(g => g.OrderBy(c => c.Version, VersionComparer.Instance).ThenBy(c => c.Id, StringComparer.Ordinal).ToList())
            .ToList();
        foreach (var group in groups)
        {
            foreach (var contract in group)
            {
                _versions[contract] = [.. group];
            }
        }

        // What the files declare comes first (replacedBy, then replaces); only a deprecated or retired contract that
        // declares no successor and is named by none gets the next higher version of its group.
        foreach (var contract in mesh.Contracts)
        {
            if (mesh.FindContract(CustomProperty(contract, "replacedBy")) is { } successor && !ReferenceEquals(successor, contract))
            {
                Link(predecessor: contract, successor);
            }
        }

        foreach (var contract in mesh.Contracts)
        {
            if (mesh.FindContract(CustomProperty(contract, "replaces")) is { } replaced && !ReferenceEquals(replaced, contract))
            {
                Link(predecessor: replaced, successor: contract);
            }
        }

        foreach (var group in groups)
        {
            for (var i = 0; i + 1 < group.Count; i++)
            {
                if (IsDeprecated(group[i]) && !_successors.ContainsKey(group[i]))
                {
                    Link(predecessor: group[i], successor: group[i + 1]);
                }
            }
        }
    }

    /// <summary>Every version of the contract, itself included, lowest version first.</summary>
    public IReadOnlyList<DataContract> Of(DataContract contract) => _versions.GetValueOrDefault(contract) ?? [contract];

    /// <summary>The contract that replaces this one, or null.</summary>
    public DataContract? SuccessorOf(DataContract contract) => _successors.GetValueOrDefault(contract);

    /// <summary>The contracts this one replaces.</summary>
    public IReadOnlyList<DataContract> PredecessorsOf(DataContract contract) => _predecessors.GetValueOrDefault(contract) ?? [];

    public static bool IsDeprecated(DataContract contract) =>
        contract.Status?.ToLowerInvariant() is "deprecated" or "retired";

    private void Link(DataContract predecessor, DataContract successor)
    {
        // A contract has one successor: the first link made wins (replacedBy, then replaces, then the next version).
        if (!_successors.TryAdd(predecessor, successor) && !ReferenceEquals(_successors[predecessor], successor))
        {
            return;
        }

        var replaced = _predecessors.TryGetValue(successor, out var list) ? list : _predecessors[successor] = [];
        if (!replaced.Contains(predecessor))
        {
            replaced.Add(predecessor);
        }

        JoinVersions(predecessor, successor);
    }

    private void JoinVersions(DataContract a, DataContract b)
    {
        var versionsOfA = _versions[a];
        if (versionsOfA.Contains(b))
        {
            return;
        }

        var joined = versionsOfA.Concat(_versions[b]).Distinct()
            .OrderBy(c => c.Version, VersionComparer.Instance).ThenBy(c => c.Id, StringComparer.Ordinal).ToList();
        foreach (var contract in joined)
        {
            _versions[contract] = joined;
        }
    }

    private static string GroupName(DataContract contract) =>
        string.IsNullOrWhiteSpace(contract.Name) ? VersionSuffix().Replace(contract.Id, "") : contract.Name;

    private static string? CustomProperty(DataContract contract, string property) =>
        contract.Source.GetMappings("customProperties")
            .FirstOrDefault(p => string.Equals(p.GetString("property"), property, StringComparison.Ordinal))?["value"] is SourceScalar { IsNull: false } value
            ? value.Value
            : null;

    [GeneratedRegex(@"[._-]v\d+$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex VersionSuffix();

    /// <summary>
    /// Orders "1.10.0" after "1.9.2" and "2.0.0-rc.1" before "2.0.0" (semantic versions); then versions that are not
    /// semantic versions, as text. No version sorts first. A total order, so sorting is well defined.
    /// </summary>
    private sealed class VersionComparer : IComparer<string?>
    {
        public static readonly VersionComparer Instance = new();

        public int Compare(string? x, string? y)
        {
            var (left, right) = (SemanticVersion.Parse(x?.TrimStart('v', 'V')), SemanticVersion.Parse(y?.TrimStart('v', 'V')));
            var kind = Kind(x, left).CompareTo(Kind(y, right));
            return kind != 0 ? kind
                : left is { } a && right is { } b ? a.CompareTo(b)
                : string.CompareOrdinal(x, y);
        }

        private static int Kind(string? text, SemanticVersion? version) => text is null ? 0 : version is not null ? 1 : 2;
    }
}
