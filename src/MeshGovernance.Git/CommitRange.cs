namespace MeshGovernance.Git;

/// <summary>
/// The change under review as full commit ids: the base, the head, and their merge base (what a pull request's
/// "files changed" compares the head with).
/// </summary>
public sealed record CommitRange(string BaseCommit, string HeadCommit, string MergeBase);
