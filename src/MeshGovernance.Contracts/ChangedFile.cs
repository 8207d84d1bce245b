namespace MeshGovernance.Contracts;

/// <summary>One file a pull request adds, modifies, deletes or renames (repo-relative, '/'-separated paths).</summary>
/// <param name="OldPath">For a rename, the path at the base revision; otherwise null.</param>
public sealed record ChangedFile(FileChangeKind Kind, string Path, string? OldPath = null)
{
    /// <summary>The path the file had at the base revision (null for an added file).</summary>
    public string? BasePath => Kind switch
    {
        FileChangeKind.Added => null,
        FileChangeKind.Renamed => OldPath,
        _ => Path,
    };

    /// <summary>The path the file has at the head revision (null for a deleted file).</summary>
    public string? HeadPath => Kind == FileChangeKind.Deleted ? null : Path;
}

public enum FileChangeKind
{
    Added,
    Modified,
    Deleted,
    Renamed,
}
