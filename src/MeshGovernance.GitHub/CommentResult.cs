namespace MeshGovernance.GitHub;

/// <summary>What happened to the sticky pull-request comment.</summary>
/// <param name="Created">True when this run created it; false when it updated (or left unchanged) the existing one.</param>
/// <param name="Unchanged">The existing comment already said exactly this; nothing was sent.</param>
public sealed record CommentResult(long Id, string? HtmlUrl, bool Created, bool Unchanged, bool Truncated);
