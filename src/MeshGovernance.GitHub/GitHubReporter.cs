using MeshGovernance.Reports;

namespace MeshGovernance.GitHub;

/// <summary>
/// Publishes a check report from a GitHub Actions job: the check run with annotations (or, when the token
/// cannot write checks, workflow commands), the sticky pull-request comment and the job summary. Failures to
/// post are reported in the outcome, never thrown, so the CLI can still print the findings and exit by them.
/// </summary>
public static class GitHubReporter
{
    public static async Task<GitHubPublishOutcome> PublishAsync(CheckReport report, ActionsContext context, GitHubReporterOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new GitHubReporterOptions();
        var ownHttp = options.HttpClient is null ? new HttpClient { Timeout = Timeout.InfiniteTimeSpan } : null;
        try
        {
            var client = new GitHubClient(options.HttpClient ?? ownHttp!, context.ApiUrl, context.Token, options.Client);
            return await PublishAsync(report, context, options, client, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ownHttp?.Dispose();
        }
    }

    private static async Task<GitHubPublishOutcome> PublishAsync(CheckReport report, ActionsContext context, GitHubReporterOptions options, GitHubClient client, CancellationToken cancellationToken)
    {
        var warnings = new List<string>();
        var blobUrl = new Uri(context.ServerUrl, $"{Uri.EscapeDataString(context.Owner)}/{Uri.EscapeDataString(context.Repository)}/blob/{context.HeadSha}/");
        var pointer = context.RunUrl is { } runUrl && context.StepSummaryPath is not null
            ? $"[the job summary]({runUrl.AbsoluteUri})"
            : null;

        CheckRunResult? checkRun = null;
        string? checkRunError = null;
        string? fallbackReason = null;
        if (context.TokenIsReadOnly)
        {
            fallbackReason = $"the pull request comes from the fork {context.HeadRepository ?? "(deleted)"}, and Actions gives its runs a read-only token";
        }
        else
        {
            try
            {
                var publisher = new CheckRunPublisher(client, context.Owner, context.Repository, new CheckRunOptions
                {
                    Name = options.CheckName,
                    FullReportUrl = pointer is null ? null : context.RunUrl,
                    DetailsUrl = context.RunUrl,
                    BlobUrl = blobUrl,
                });
                checkRun = await publisher.PublishAsync(report, context.HeadSha, cancellationToken).ConfigureAwait(false);
                warnings.AddRange(checkRun.Warnings);
            }
            catch (GitHubException e) when (e.ResourceNotAccessible)
            {
                fallbackReason = "the token may not write checks (GitHub: Resource not accessible by integration); give the job `permissions: checks: write`";
            }
            catch (GitHubException e)
            {
                checkRunError = e.Message;
                fallbackReason = $"the check run could not be posted: {e.Message}";
            }
        }

        var commands = fallbackReason is null ? [] : WorkflowCommands.ForFindings(report.Diagnostics);

        CommentResult? comment = null;
        string? commentError = null;
        if (context.PullRequestNumber is { } number && !context.TokenIsReadOnly)
        {
            var links = new List<string>();
            if (checkRun?.HtmlUrl is { } checkUrl)
            {
                links.Add($"[check run]({checkUrl})");
            }

            if (context.RunUrl is { } run)
            {
                links.Add($"[workflow run]({run.AbsoluteUri})");
            }

            var notes = links.Count > 0 ? new[] { "Details: " + string.Join(" · ", links) } : [];
            var markdown = CheckSummaryMarkdown.Render(report, options.CheckName, blobUrl, notes);
            try
            {
                var publisher = new PullRequestCommentPublisher(client, context.Owner, context.Repository, options.CheckName);
                var create = report.Diagnostics.Count > 0;
                comment = await publisher.PublishAsync(number, markdown, pointer, create, cancellationToken).ConfigureAwait(false);
            }
            catch (GitHubException e)
            {
                commentError = e.Message;
                warnings.Add($"The pull request comment could not be posted: {e.Message}");
            }
        }

        JobSummaryResult? jobSummary = null;
        if (context.StepSummaryPath is { } path)
        {
            var notes = fallbackReason is null ? [] : new[] { $"**No check run:** {MarkdownEscaping.Cell(fallbackReason, 2000)}. The findings are annotated with workflow commands instead." };
            jobSummary = JobSummaryWriter.Append(path, CheckSummaryMarkdown.Render(report, options.CheckName, blobUrl, notes));
            if (jobSummary.Warning is { } warning)
            {
                warnings.Add(warning);
            }
        }

        return new GitHubPublishOutcome
        {
            Conclusion = CheckSummaryMarkdown.ConclusionOf(report),
            CheckRun = checkRun,
            CheckRunError = checkRunError,
            Comment = comment,
            CommentError = commentError,
            FallbackReason = fallbackReason,
            WorkflowCommands = commands,
            JobSummary = jobSummary,
            Warnings = warnings,
        };
    }
}
