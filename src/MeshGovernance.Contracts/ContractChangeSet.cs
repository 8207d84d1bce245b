namespace MeshGovernance.Contracts;

/// <summary>Every change between two versions of a contract, with the versions and how far they moved.</summary>
public sealed record ContractChangeSet(IReadOnlyList<ContractChange> Changes, string? BaseVersion, string? HeadVersion)
{
    /// <summary>The most severe change, or null when there is none.</summary>
    public ChangeSeverity? HighestSeverity => Changes.Count == 0 ? null : Changes.Max(c => c.Severity);

    /// <summary>How the <c>version</c> moved from base to head.</summary>
    public VersionBump VersionBump => SemanticVersion.Compare(BaseVersion, HeadVersion);

    /// <summary>The bump the changes call for: major for a breaking change, minor for an addition or a weaker promise, patch for wording.</summary>
    public VersionBump RequiredBump => Changes.Count == 0 ? VersionBump.None : Changes.Max(c => c.Requires);

    public bool IsBreaking => Changes.Any(c => c.Severity == ChangeSeverity.Breaking);
}
