using System.Text.Json;

namespace MeshGovernance.Testing.GitHubApi;

/// <summary>The variables and event file GitHub Actions gives a <c>pull_request</c> job, pointed at a <see cref="FakeGitHub"/>.</summary>
public static class PullRequestEnvironment
{
    /// <param name="eventPath">Where to write the event payload (outside the repository under check).</param>
    /// <param name="fork">The pull request comes from another repository: Actions gives it a read-only token.</param>
    public static Dictionary<string, string?> Create(
        FakeGitHub github, string eventPath, int number, string baseSha, string headSha, string headRef, string? stepSummary = null, bool fork = false)
    {
        File.WriteAllText(eventPath, JsonSerializer.Serialize(new
        {
            action = "synchronize",
            number,
            pull_request = new
            {
                number,
                user = new { login = "omar-farouk" },
                head = new { sha = headSha, @ref = headRef, repo = new { full_name = fork ? "someone/mesh" : $"{FakeGitHub.Owner}/{FakeGitHub.Repo}" } },
                @base = new { sha = baseSha, @ref = "main", repo = new { full_name = $"{FakeGitHub.Owner}/{FakeGitHub.Repo}" } },
            },
        }));
        return new Dictionary<string, string?>
        {
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_TOKEN"] = FakeGitHub.Token,
            ["GITHUB_REPOSITORY"] = $"{FakeGitHub.Owner}/{FakeGitHub.Repo}",
            ["GITHUB_EVENT_NAME"] = "pull_request",
            ["GITHUB_EVENT_PATH"] = eventPath,
            ["GITHUB_API_URL"] = github.ApiUrl.ToString().TrimEnd('/'),
            ["GITHUB_SERVER_URL"] = "https://github.example",
            ["GITHUB_SHA"] = headSha,
            ["GITHUB_RUN_ID"] = "4242",
            ["GITHUB_STEP_SUMMARY"] = stepSummary,
        };
    }
}
