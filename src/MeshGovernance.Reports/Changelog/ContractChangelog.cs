using MeshGovernance.Contracts;

namespace MeshGovernance.Reports.Changelog;

/// <summary>
/// The contract changelog of a change: every contract added, removed or changed between two revisions, with
/// its classified changes. <see cref="HeadCommit"/> is null when the head is the working tree.
/// </summary>
public sealed record ContractChangelog(string BaseCommit, string? HeadCommit, IReadOnlyList<ContractComparison> Contracts)
{
    /// <summary>Contracts with at least one change (a contract whose file changed in wording of YAML only has none).</summary>
    public IEnumerable<ContractComparison> Changed => Contracts.Where(c => c.Changes.Changes.Count > 0);

    /// <summary>The most severe change of all the contracts, or null when nothing changed.</summary>
    public ChangeSeverity? HighestSeverity => Changed.Select(c => c.Changes.HighestSeverity).Max();

    /// <summary>What happened to a contract: added, removed or changed.</summary>
    public static string StatusOf(ContractComparison comparison) =>
        comparison.IsAdded ? "added" : comparison.IsRemoved ? "removed" : "changed";

    /// <summary>
    /// Whether the version moved as far as the changes call for: a breaking change needs a new major version and an
    /// addition a new minor one (wording is left to the team). Null when there is nothing to judge (an added or
    /// removed contract, or versions that are not semantic versions).
    /// </summary>
    public static bool? VersionIsEnough(ContractComparison comparison)
    {
        var changes = comparison.Changes;
        if (comparison.IsAdded || comparison.IsRemoved || changes.VersionBump == VersionBump.Unparseable)
        {
            return null;
        }

        if (changes.VersionBump == VersionBump.Downgrade)
        {
            return false;
        }

        return changes.RequiredBump < VersionBump.Minor || changes.VersionBump >= changes.RequiredBump;
    }

    public static string SeverityName(ChangeSeverity severity) => severity switch
    {
        ChangeSeverity.Breaking => "breaking",
        ChangeSeverity.Warning => "warning",
        _ => "info",
    };

    public static string BumpName(VersionBump bump) => bump switch
    {
        VersionBump.None => "none",
        VersionBump.Patch => "patch",
        VersionBump.Minor => "minor",
        VersionBump.Major => "major",
        VersionBump.Downgrade => "downgrade",
        _ => "unparseable",
    };
}
