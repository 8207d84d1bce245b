namespace MeshGovernance.GitHub;

/// <summary>
/// What <c>GitHubReporter.PublishAsync</c> posted, for the CLI to print: the check run, the comment, the
/// job summary, and — when the check run could not be written — the workflow commands that annotate instead.
/// </summary>
public sealed record GitHubPublishOutcome
{
    public required CheckConclusion Conclusion { get; init; }

    /// <summary>The check run, when one was created or updated.</summary>
    public CheckRunResult? CheckRun { get; init; }

    /// <summary>Why posting the check run failed, when it failed for another reason than a read-only token (the findings went to workflow commands instead).</summary>
    public string? CheckRunError { get; init; }

    public CommentResult? Comment { get; init; }

    public string? CommentError { get; init; }

    /// <summary>No check run: the findings are in <see cref="WorkflowCommands"/> and the job summary.</summary>
    public bool FellBack => FallbackReason is not null;

    public string? FallbackReason { get; init; }

    /// <summary>Lines to print to stdout as they are (::error …); empty unless <see cref="FellBack"/>.</summary>
    public IReadOnlyList<string> WorkflowCommands { get; init; } = [];

    public JobSummaryResult? JobSummary { get; init; }

    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Something GitHub should have received did not arrive (the check run or the comment failed for another reason than a read-only token).</summary>
    public bool Failed => CheckRunError is not null || CommentError is not null;

    /// <summary>Writes the workflow commands, then one line per thing posted, fallback and warning.</summary>
    public void WriteTo(TextWriter output)
    {
        foreach (var line in WorkflowCommands)
        {
            output.WriteLine(line);
        }

        if (CheckRun is { } run)
        {
            output.WriteLine($"meshgov: check run {(run.Created ? "created" : "updated")} ({Name(Conclusion)}): {run.HtmlUrl ?? "#" + run.Id}");
            output.WriteLine($"meshgov: {run.AnnotationsSent} annotations sent, {run.AnnotationsAlreadyPresent} already present, {run.AnnotationsDropped} over the limit, {run.AnnotationsNotSent} not sent");
        }

        if (FallbackReason is not null)
        {
            output.WriteLine($"meshgov: no check run — {FallbackReason}. The findings are reported as workflow annotations above and in the job summary.");
        }

        if (Comment is { } comment)
        {
            output.WriteLine($"meshgov: pull request comment {(comment.Created ? "created" : comment.Unchanged ? "unchanged" : "updated")}: {comment.HtmlUrl ?? "#" + comment.Id}");
        }

        if (JobSummary is { Written: true } summary)
        {
            output.WriteLine($"meshgov: job summary written ({summary.Bytes} bytes{(summary.Truncated ? ", cut to fit 1 MiB" : string.Empty)})");
        }

        foreach (var warning in Warnings)
        {
            output.WriteLine($"meshgov: warning: {warning}");
        }
    }

    private static string Name(CheckConclusion conclusion) => conclusion.ToString().ToLowerInvariant();
}
