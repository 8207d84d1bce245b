namespace MeshGovernance.Git;

/// <summary>A tree entry a <see cref="RevisionSnapshot"/> did not write, and why.</summary>
public sealed record SkippedEntry(string Path, SkipReason Reason, long? Size);
