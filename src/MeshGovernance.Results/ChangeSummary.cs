namespace MeshGovernance.Results;

/// <summary>The pull request a check judged: its base and head commits, how many files it changes, its author.</summary>
/// <param name="PoliciesFromHead">True when the policies were taken from the head (<c>--policies-from head</c>), not the base.</param>
public sealed record ChangeSummary(string BaseCommit, string HeadCommit, int ChangedFiles, string? Author, bool PoliciesFromHead);
