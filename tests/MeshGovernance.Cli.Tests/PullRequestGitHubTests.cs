using MeshGovernance.Testing.GitHubApi;

namespace MeshGovernance.Cli.Tests;

/// <summary>
/// <c>meshgov check --github</c> as GitHub Actions runs it on a pull request: a real git repository, the event
/// file and variables Actions sets, and a fake GitHub API on 127.0.0.1 that records what it is sent.
/// </summary>
public sealed class PullRequestGitHubTests : BreakingPullRequestTests, IClassFixture<PolicyCacheFixture>
{
    public PullRequestGitHubTests(PolicyCacheFixture cache)
        : base(cache)
    {
    }

    [Fact]
    public void A_breaking_pull_request_gets_one_failing_check_run_with_annotations_a_comment_and_a_job_summary()
    {
        var summary = Path.Combine(Repo.Root, "..", Path.GetFileName(Repo.Root) + "-summary.md");
        var run = Check(Environment(summary));

        Assert.Equal(1, run.ExitCode);
        var checkRun = Assert.Single(GitHub.CheckRuns);
        Assert.Equal(HeadSha, checkRun.HeadSha);
        Assert.Equal(("meshgov", "completed", "failure"), (checkRun.Name, checkRun.Status, checkRun.Conclusion));
        var versionAnnotation = Assert.Single(checkRun.Annotations, a => a["title"]!.GetValue<string>().Contains("contract-version-bump", StringComparison.Ordinal));
        Assert.Equal(Contract, versionAnnotation["path"]!.GetValue<string>());
        Assert.Equal(5, versionAnnotation["start_line"]!.GetValue<int>());
        Assert.Equal("failure", versionAnnotation["annotation_level"]!.GetValue<string>());
        var comment = Assert.Single(GitHub.Comments);
        Assert.Equal(7, comment.Issue);
        Assert.Contains("breaking-change-consumers", comment.Body, StringComparison.Ordinal);
        Assert.Contains("contract-version-bump", File.ReadAllText(summary), StringComparison.Ordinal);
        Assert.DoesNotContain(FakeGitHub.Token, run.Output + run.Error, StringComparison.Ordinal);
        File.Delete(summary);
    }

    [Fact]
    public void A_rerun_updates_the_same_check_run_and_comment()
    {
        var first = Check(Environment());
        var second = Check(Environment());

        Assert.Equal((1, 1), (first.ExitCode, second.ExitCode));
        Assert.Single(GitHub.CheckRuns);
        Assert.Single(GitHub.Comments);
        Assert.Single(GitHub.Requests, r => r.Is("POST", "/check-runs"));
        Assert.Single(GitHub.Requests, r => r.Is("POST", "/issues/7/comments"));
        Assert.Contains(second.Output.Split('\n'), l => l.StartsWith("meshgov: check run updated (failure)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_server_error_on_the_first_attempt_is_survived_without_a_second_check_run()
    {
        GitHub.Inject(FakeEndpoint.CreateCheckRun, Fault.ServerError());

        var run = Check(Environment());

        Assert.Equal(1, run.ExitCode);
        var checkRun = Assert.Single(GitHub.CheckRuns);
        Assert.Equal("failure", checkRun.Conclusion);
    }

    [Fact]
    public void A_pull_request_from_a_fork_falls_back_to_workflow_commands_and_says_so()
    {
        var run = Check(Environment(fork: true));

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(GitHub.CheckRuns);
        Assert.DoesNotContain(GitHub.Requests, r => r.Method == "POST" && r.Path.EndsWith("/check-runs", StringComparison.Ordinal));
        Assert.Contains(run.Output.Split('\n'), l => l.StartsWith($"::error file={Contract},line=5", StringComparison.Ordinal));
        Assert.Contains("meshgov: no check run", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_actions_variables_are_a_usage_error_naming_the_variable()
    {
        var environment = Environment();
        environment.Remove("GITHUB_TOKEN");

        var run = Check(environment);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("GITHUB_TOKEN", run.Error, StringComparison.Ordinal);
        Assert.Empty(GitHub.Requests);
    }

    private CliRun Check(Dictionary<string, string?> environment)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = new MeshgovApp(output, error, environment).Run(["check", "--repo", Repo.Root, "--github", "--format", "text", "--cache-dir", Cache.Folder, "--today", "2026-11-22"]);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    private Dictionary<string, string?> Environment(string? stepSummary = null, bool fork = false) =>
        PullRequestEnvironment.Create(GitHub, Repo.Root + "-event.json", 7, BaseSha, HeadSha, "breaking", stepSummary, fork);
}
