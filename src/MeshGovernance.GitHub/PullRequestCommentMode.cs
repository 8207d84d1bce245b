namespace MeshGovernance.GitHub;

/// <summary>When the sticky pull-request comment is posted.</summary>
public enum PullRequestCommentMode
{
    /// <summary>Never comment.</summary>
    Never,

    /// <summary>Create the comment only when there are findings; once it exists, keep it up to date (so it also says when they are fixed).</summary>
    WhenFindings,

    /// <summary>Create or update the comment on every run.</summary>
    Always,
}
