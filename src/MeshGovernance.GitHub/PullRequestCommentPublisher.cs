using System.Text.Json;
using System.Text.Json.Nodes;

namespace MeshGovernance.GitHub;

/// <summary>
/// Keeps one comment per pull request and check name up to date: found again by a hidden marker on its
/// first line, edited on every run, created only when there is none. A create that may have gone through is
/// looked up again before it is repeated.
/// </summary>
public sealed class PullRequestCommentPublisher
{
    private readonly GitHubClient client;
    private readonly string repositoryPath;

    public PullRequestCommentPublisher(GitHubClient client, string owner, string repository, string checkName = "meshgov")
    {
        this.client = client;
        repositoryPath = $"repos/{Uri.EscapeDataString(owner)}/{Uri.EscapeDataString(repository)}";
        Marker = MarkerFor(checkName);
    }

    /// <summary>The hidden first line that identifies the comment: <c>&lt;!-- meshgov:check NAME --&gt;</c>.</summary>
    public string Marker { get; }

    public static string MarkerFor(string checkName)
    {
        // The name must not end the HTML comment early.
        var safe = new string(checkName.Select(c => char.IsLetterOrDigit(c) || c is '.' or '_' or '/' or ' ' or '-' ? c : '_').ToArray()).Replace("--", "_-", StringComparison.Ordinal);
        return $"<!-- meshgov:check {safe} -->";
    }

    /// <summary>The comment body for <paramref name="markdown"/>: the marker line, then the Markdown cut to GitHub's 65,536 characters.</summary>
    public (string Body, bool Truncated) BodyFor(string markdown, string? fullReportPointer = null)
    {
        var pointer = fullReportPointer ?? "the job summary of the workflow run";
        var (text, truncated) = TextLimits.FitOnLines(markdown, TextLimits.CommentBody - Marker.Length - 1, TextLimits.Chars, lines =>
            $"\n**The comment is cut here ({lines} more lines): GitHub takes at most 65,536 characters. The full report is in {pointer}.**\n");
        return (Marker + "\n" + text, truncated);
    }

    /// <param name="fullReportPointer">Markdown naming where the full report is, used when the comment must be cut.</param>
    /// <param name="createIfMissing">False to only update a comment an earlier run created (null is returned when there is none).</param>
    public async Task<CommentResult?> PublishAsync(int pullRequestNumber, string markdown, string? fullReportPointer = null, bool createIfMissing = true, CancellationToken cancellationToken = default)
    {
        var (body, truncated) = BodyFor(markdown, fullReportPointer);
        var existing = await FindAsync(pullRequestNumber, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return await UpdateAsync(existing, body, truncated, cancellationToken).ConfigureAwait(false);
        }

        if (!createIfMissing)
        {
            return null;
        }

        var budget = client.NewBudget();
        var payload = new JsonObject { ["body"] = body };
        while (true)
        {
            try
            {
                var response = await client.SendAsync(HttpMethod.Post, $"{repositoryPath}/issues/{pullRequestNumber}/comments", payload, repeatable: false, cancellationToken).ConfigureAwait(false);
                var created = Comment.From(response.Body) ?? throw new GitHubException("GitHub: the created comment has no id in GitHub's answer.");
                return new CommentResult(created.Id, created.HtmlUrl, Created: true, Unchanged: false, truncated);
            }
            catch (GitHubException e) when (e.MayHaveSucceeded)
            {
                var stop = await budget.WaitAsync(null, cancellationToken).ConfigureAwait(false);
                if (await FindAsync(pullRequestNumber, cancellationToken).ConfigureAwait(false) is { } found)
                {
                    var result = await UpdateAsync(found, body, truncated, cancellationToken).ConfigureAwait(false);
                    return result with { Created = true };
                }

                if (stop is not null)
                {
                    throw new GitHubException($"GitHub: could not create the pull request comment ({stop}). {e.Message}", e) { StatusCode = e.StatusCode, GitHubMessage = e.GitHubMessage, Errors = e.Errors };
                }
            }
        }
    }

    private async Task<CommentResult> UpdateAsync(Comment existing, string body, bool truncated, CancellationToken cancellationToken)
    {
        if (existing.Body == body)
        {
            return new CommentResult(existing.Id, existing.HtmlUrl, Created: false, Unchanged: true, truncated);
        }

        // Setting the same body twice changes nothing, so this edit may be retried freely.
        var response = await client.SendAsync(HttpMethod.Patch, $"{repositoryPath}/issues/comments/{existing.Id}", new JsonObject { ["body"] = body }, repeatable: true, cancellationToken).ConfigureAwait(false);
        return new CommentResult(existing.Id, Comment.From(response.Body)?.HtmlUrl ?? existing.HtmlUrl, Created: false, Unchanged: false, truncated);
    }

    /// <summary>The marked comment: the first one a bot wrote when there are several, since anyone could paste the marker.</summary>
    private async Task<Comment?> FindAsync(int pullRequestNumber, CancellationToken cancellationToken)
    {
        Comment? first = null;
        await foreach (var item in client.GetAllAsync($"{repositoryPath}/issues/{pullRequestNumber}/comments?per_page=100", null, cancellationToken).ConfigureAwait(false))
        {
            if (Comment.From(item) is not { } comment || !comment.Body.StartsWith(Marker, StringComparison.Ordinal))
            {
                continue;
            }

            if (comment.ByBot)
            {
                return comment;
            }

            first ??= comment;
        }

        return first;
    }

    /// <summary>The parts of an issue comment this needs.</summary>
    private sealed record Comment(long Id, string Body, string? HtmlUrl, bool ByBot)
    {
        public static Comment? From(JsonElement json)
        {
            if (json.ValueKind != JsonValueKind.Object || !json.TryGetProperty("id", out var id) || !id.TryGetInt64(out var value))
            {
                return null;
            }

            var body = json.TryGetProperty("body", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString()! : string.Empty;
            var url = json.TryGetProperty("html_url", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
            var bot = json.TryGetProperty("user", out var user) && user.ValueKind == JsonValueKind.Object &&
                user.TryGetProperty("type", out var type) && type.GetString() == "Bot";
            return new Comment(value, body, url, bot);
        }
    }
}
