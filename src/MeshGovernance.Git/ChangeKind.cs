namespace MeshGovernance.Git;

/// <summary>How a path changed between two revisions. Copies are reported as <see cref="Added"/>.</summary>
public enum ChangeKind
{
    Added,
    Modified,
    Deleted,
    Renamed,
    TypeChanged,
}
