namespace MeshGovernance.Git;

/// <summary>
/// One file of a commit's tree, as <c>git ls-tree -r -l</c> lists it. <paramref name="Size"/> is null for submodules,
/// and when git cannot read the object (missing from a damaged or partial clone).
/// <paramref name="Path"/> is repository-relative with '/' separators.
/// </summary>
public sealed record TreeEntry(string Mode, TreeEntryKind Kind, string ObjectId, long? Size, string Path)
{
    /// <summary>False for a path with '..', '.', empty or absolute parts, which no reader of a revision may follow.</summary>
    public bool HasPlainPath => RepositoryPath.IsSafeRelative(Path);
}
