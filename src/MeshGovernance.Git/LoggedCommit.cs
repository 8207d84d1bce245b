namespace MeshGovernance.Git;

/// <summary>A commit as <see cref="GitRepository.Log"/> reads it: who, when, why, and the files it changed.</summary>
public sealed record LoggedCommit(string Id, DateTimeOffset Date, string Author, string Subject, IReadOnlyList<LoggedFileChange> Files);

/// <summary>One file a commit added, modified or deleted, with its blob before and after (null for none).</summary>
public sealed record LoggedFileChange(ChangeKind Kind, string Path, string? OldBlob, string? NewBlob);
