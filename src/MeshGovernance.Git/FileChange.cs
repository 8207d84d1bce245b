namespace MeshGovernance.Git;

/// <summary>
/// One changed path. <paramref name="Path"/> is repository-relative with '/' separators (the new path of a rename);
/// <paramref name="OldPath"/> is set only for <see cref="ChangeKind.Renamed"/>.
/// </summary>
public sealed record FileChange(ChangeKind Kind, string Path, string? OldPath = null);
