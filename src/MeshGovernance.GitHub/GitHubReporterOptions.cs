namespace MeshGovernance.GitHub;

/// <summary>How <see cref="GitHubReporter"/> publishes: the check name, the comment, the annotation cap, the client's patience.</summary>
public sealed record GitHubReporterOptions
{
    public string CheckName { get; init; } = "meshgov";

    public PullRequestCommentMode Comment { get; init; } = PullRequestCommentMode.WhenFindings;

    /// <summary>Append the report to GITHUB_STEP_SUMMARY when it is set.</summary>
    public bool WriteJobSummary { get; init; } = true;

    /// <inheritdoc cref="CheckRunOptions.MaxAnnotations"/>
    public int MaxAnnotations { get; init; } = 1000;

    /// <summary>Use workflow commands instead of a check run even when the token could write checks.</summary>
    public bool ForceWorkflowCommands { get; init; }

    public GitHubClientOptions Client { get; init; } = new();

    /// <summary>The HttpClient to use (tests, proxies); one is created and disposed when null.</summary>
    public HttpClient? HttpClient { get; init; }
}
