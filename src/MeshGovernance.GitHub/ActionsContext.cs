using System.Text.Json;
using System.Text.RegularExpressions;

namespace MeshGovernance.GitHub;

/// <summary>
/// Where and for what a GitHub Actions job runs: the repository, the token, the pull request under review
/// (number, head and base commits, author, whether it comes from a fork) and where links and the job summary
/// go. <see cref="FromEnvironment"/> reads it from the variables Actions sets; <see cref="ToString"/> never
/// shows the token.
/// </summary>
public sealed partial class ActionsContext
{
    /// <summary>An event payload is a few hundred kilobytes; anything near this is not one.</summary>
    private const long MaxEventFileBytes = 32L * 1024 * 1024;

    public required string Token { get; init; }

    public required string Owner { get; init; }

    public required string Repository { get; init; }

    public required Uri ApiUrl { get; init; }

    public Uri ServerUrl { get; init; } = new("https://github.com");

    /// <summary>The commit the check run belongs to: the pull request's head commit (not the merge commit Actions checks out), or GITHUB_SHA outside pull requests.</summary>
    public required string HeadSha { get; init; }

    /// <summary>GITHUB_SHA: in a pull request, the merge commit Actions tests.</summary>
    public string? Sha { get; init; }

    public string? BaseSha { get; init; }

    public string? EventName { get; init; }

    public int? PullRequestNumber { get; init; }

    public string? PullRequestAuthor { get; init; }

    /// <summary>owner/name of the repository the pull request's changes come from.</summary>
    public string? HeadRepository { get; init; }

    /// <summary>The pull request comes from another repository (a fork).</summary>
    public bool IsFork { get; init; }

    /// <summary>
    /// The token cannot write checks or comments: Actions gives a fork's <c>pull_request</c> run a read-only
    /// token (<c>pull_request_target</c> runs get the base repository's token).
    /// </summary>
    public bool TokenIsReadOnly => IsFork && EventName != "pull_request_target";

    public string? RunId { get; init; }

    /// <summary>GITHUB_STEP_SUMMARY: the file the job summary is appended to.</summary>
    public string? StepSummaryPath { get; init; }

    public string FullName => $"{Owner}/{Repository}";

    /// <summary>The workflow run's page, where the job summary is shown; null outside Actions.</summary>
    public Uri? RunUrl => RunId is null ? null : new Uri(ServerUrl, $"{Owner}/{Repository}/actions/runs/{RunId}");

    /// <summary>Reads the context from the variables Actions sets (pass <see cref="ProcessEnvironment"/> in a real run).</summary>
    /// <exception cref="GitHubException">A variable is missing or invalid, or the event file cannot be read; the message names it.</exception>
    public static ActionsContext FromEnvironment(IReadOnlyDictionary<string, string?> environment)
    {
        string? Get(string name) => environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        var token = Get("GITHUB_TOKEN") ?? throw Missing("GITHUB_TOKEN", "pass the token to the step, e.g. env: GITHUB_TOKEN: ${{ github.token }}");
        var repository = Get("GITHUB_REPOSITORY") ?? throw Missing("GITHUB_REPOSITORY", "it names the repository as owner/name");
        var match = RepositoryPattern().Match(repository);
        if (!match.Success)
        {
            throw Invalid("GITHUB_REPOSITORY", $"'{repository}' is not owner/name");
        }

        var apiUrl = ParseUrl(Get("GITHUB_API_URL") ?? "https://api.github.com", "GITHUB_API_URL");
        var serverUrl = ParseUrl(Get("GITHUB_SERVER_URL") ?? "https://github.com", "GITHUB_SERVER_URL");
        var eventName = Get("GITHUB_EVENT_NAME");
        var sha = Get("GITHUB_SHA");
        if (sha is not null && !ShaPattern().IsMatch(sha))
        {
            throw Invalid("GITHUB_SHA", $"'{sha}' is not a commit id");
        }

        var runId = Get("GITHUB_RUN_ID");
        if (runId is not null && !runId.All(char.IsAsciiDigit))
        {
            throw Invalid("GITHUB_RUN_ID", $"'{runId}' is not a number");
        }

        var pullRequest = ReadPullRequest(Get("GITHUB_EVENT_PATH"), eventName);
        var headSha = pullRequest?.HeadSha ?? sha ?? throw Missing("GITHUB_SHA", "outside a pull request it names the commit to report on");
        return new ActionsContext
        {
            Token = token,
            Owner = match.Groups["owner"].Value,
            Repository = match.Groups["name"].Value,
            ApiUrl = apiUrl,
            ServerUrl = serverUrl,
            HeadSha = headSha,
            Sha = sha,
            BaseSha = pullRequest?.BaseSha,
            EventName = eventName,
            PullRequestNumber = pullRequest?.Number,
            PullRequestAuthor = pullRequest?.Author,
            HeadRepository = pullRequest?.HeadRepository,
            IsFork = pullRequest is not null && !string.Equals(pullRequest.HeadRepository, pullRequest.BaseRepository ?? repository, StringComparison.OrdinalIgnoreCase),
            RunId = runId,
            StepSummaryPath = Get("GITHUB_STEP_SUMMARY"),
        };
    }

    /// <summary>The current process's environment variables, for <see cref="FromEnvironment"/>.</summary>
    public static IReadOnlyDictionary<string, string?> ProcessEnvironment() =>
        Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal);

    public override string ToString() =>
        $"{FullName} at {HeadSha}" + (PullRequestNumber is { } number ? $", pull request #{number}{(IsFork ? $" from the fork {HeadRepository}" : string.Empty)}" : string.Empty);

    private static PullRequestEvent? ReadPullRequest(string? eventPath, string? eventName)
    {
        var isPullRequestEvent = eventName is "pull_request" or "pull_request_target";
        if (eventPath is null)
        {
            return isPullRequestEvent
                ? throw Missing("GITHUB_EVENT_PATH", $"a {eventName} run needs the event file to find the pull request's head commit")
                : null;
        }

        JsonDocument document;
        try
        {
            var info = new FileInfo(eventPath);
            if (!info.Exists)
            {
                throw Invalid("GITHUB_EVENT_PATH", $"the event file '{eventPath}' does not exist");
            }

            if (info.Length > MaxEventFileBytes)
            {
                throw Invalid("GITHUB_EVENT_PATH", $"the event file '{eventPath}' is {info.Length} bytes, too large for an event");
            }

            using var stream = info.OpenRead();
            document = JsonDocument.Parse(stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw Invalid("GITHUB_EVENT_PATH", $"the event file '{eventPath}' cannot be read as JSON ({e.GetType().Name}: {e.Message})");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object ||
                !document.RootElement.TryGetProperty("pull_request", out var pr) || pr.ValueKind != JsonValueKind.Object)
            {
                return isPullRequestEvent
                    ? throw Invalid("GITHUB_EVENT_PATH", $"the {eventName} event in '{eventPath}' has no pull_request object")
                    : null;
            }

            var number = pr.TryGetProperty("number", out var n) && n.TryGetInt32(out var value) && value > 0
                ? value
                : throw Invalid("GITHUB_EVENT_PATH", "the event's pull_request.number is missing or not a positive number");
            var headSha = String(pr, "head", "sha");
            if (headSha is null || !ShaPattern().IsMatch(headSha))
            {
                throw Invalid("GITHUB_EVENT_PATH", "the event's pull_request.head.sha is missing or not a commit id");
            }

            return new PullRequestEvent(
                number,
                headSha,
                String(pr, "base", "sha"),
                String(pr, "user", "login"),
                String(pr, "head", "repo", "full_name"),
                String(pr, "base", "repo", "full_name"));
        }
    }

    private static string? String(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }

    private static Uri ParseUrl(string value, string variable) =>
        Uri.TryCreate(value.EndsWith('/') ? value : value + "/", UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : throw Invalid(variable, $"'{value}' is not an http(s) URL");

    private static GitHubException Missing(string variable, string why) =>
        new($"The environment variable {variable} is not set: {why}.") { Variable = variable };

    private static GitHubException Invalid(string variable, string why) =>
        new($"The environment variable {variable} is invalid: {why}.") { Variable = variable };

    [GeneratedRegex("^(?<owner>[A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))/(?<name>[A-Za-z0-9._-]{1,100})$")]
    private static partial Regex RepositoryPattern();

    [GeneratedRegex("^(?:[0-9a-fA-F]{40}|[0-9a-fA-F]{64})$")]
    private static partial Regex ShaPattern();

    /// <summary>What the job needs from a pull_request event.</summary>
    private sealed record PullRequestEvent(int Number, string HeadSha, string? BaseSha, string? Author, string? HeadRepository, string? BaseRepository);
}
