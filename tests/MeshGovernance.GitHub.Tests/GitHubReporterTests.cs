using MeshGovernance.Testing.GitHubApi;

namespace MeshGovernance.GitHub.Tests;

public sealed class GitHubReporterTests : IAsyncLifetime, IDisposable
{
    private readonly string summary = Path.GetTempFileName();
    private Harness harness = null!;

    private FakeGitHub GitHub => harness.GitHub;

    public async Task InitializeAsync() => harness = await Harness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    public void Dispose() => File.Delete(summary);

    [Fact]
    public async Task APullRequestGetsACheckRunACommentAndAJobSummary()
    {
        var outcome = await GitHubReporter.PublishAsync(Reports.Of(Reports.Blocking(), Reports.Debt()), harness.Context(stepSummary: summary), harness.ReporterOptions());

        Assert.False(outcome.FellBack);
        Assert.False(outcome.Failed);
        Assert.Equal(CheckConclusion.Failure, outcome.Conclusion);
        var run = Assert.Single(GitHub.CheckRuns);
        Assert.Equal(run.Id, outcome.CheckRun!.Id);
        Assert.Equal(Harness.HeadSha, run.HeadSha);
        Assert.Contains("[domains/sales/products/orders.odps.yaml:4](https://github.example/acme/mesh/blob/1234567890abcdef1234567890abcdef12345678/domains/sales/products/orders.odps.yaml#L4)", run.Summary);
        var comment = Assert.Single(GitHub.Comments);
        Assert.Equal(comment.Id, outcome.Comment!.Id);
        Assert.Equal(42, comment.Issue);
        Assert.Contains($"[check run](https://github.example/acme/mesh/runs/{run.Id})", comment.Body);
        Assert.Contains("<summary>Existing debt (1)", File.ReadAllText(summary));
        Assert.Empty(outcome.WorkflowCommands);
        Assert.Equal("https://github.example/acme/mesh/actions/runs/987654", GitHub.Requests.First(r => r.Method == "POST").Json["details_url"]!.GetValue<string>());

        var printed = new StringWriter();
        outcome.WriteTo(printed);
        Assert.Contains($"meshgov: check run created (failure): https://github.example/acme/mesh/runs/{run.Id}", printed.ToString());
        Assert.Contains("meshgov: pull request comment created", printed.ToString());
    }

    [Fact]
    public async Task ARerunUpdatesTheCheckRunAndTheComment()
    {
        await GitHubReporter.PublishAsync(Reports.Of(Reports.Blocking()), harness.Context(), harness.ReporterOptions());
        var outcome = await GitHubReporter.PublishAsync(Reports.Of(), harness.Context(), harness.ReporterOptions());

        Assert.Single(GitHub.CheckRuns);
        Assert.Equal("success", GitHub.CheckRuns[0].Conclusion);
        Assert.False(outcome.CheckRun!.Created);
        Assert.False(outcome.Comment!.Created);
        Assert.Contains("## ✅ meshgov: passed", Assert.Single(GitHub.Comments).Body);
    }

    [Fact]
    public async Task NoCommentIsStartedWhenThereIsNothingToSay()
    {
        var outcome = await GitHubReporter.PublishAsync(Reports.Of(), harness.Context(), harness.ReporterOptions());

        Assert.Null(outcome.Comment);
        Assert.Empty(GitHub.Comments);
        Assert.Single(GitHub.CheckRuns);
    }

    [Fact]
    public async Task AForkFallsBackToWorkflowCommandsAndTheJobSummaryWithoutWriting()
    {
        var outcome = await GitHubReporter.PublishAsync(Reports.Of(Reports.Blocking(), Reports.Advisory()), harness.Context(fork: true, stepSummary: summary), harness.ReporterOptions());

        Assert.True(outcome.FellBack);
        Assert.False(outcome.Failed);
        Assert.Contains("fork someone/mesh", outcome.FallbackReason);
        Assert.DoesNotContain(GitHub.Requests, r => r.Method is "POST" or "PATCH");
        Assert.Equal(2, outcome.WorkflowCommands.Count);
        Assert.StartsWith("::error file=domains/sales/products/orders.odps.yaml,line=4,", outcome.WorkflowCommands[0]);
        Assert.StartsWith("::warning file=", outcome.WorkflowCommands[1]);
        var written = File.ReadAllText(summary);
        Assert.Contains("**No check run:**", written);
        Assert.Contains("### Blocking findings (1)", written);

        var printed = new StringWriter();
        outcome.WriteTo(printed);
        var lines = printed.ToString().Split('\n');
        Assert.StartsWith("::error ", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("meshgov: no check run — the pull request comes from the fork", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AReadOnlyTokenFallsBackToWorkflowCommands()
    {
        GitHub.Inject(FakeEndpoint.CreateCheckRun, Fault.NotAccessible());
        GitHub.Inject(FakeEndpoint.CreateComment, Fault.NotAccessible());

        var outcome = await GitHubReporter.PublishAsync(Reports.Of(Reports.Blocking()), harness.Context(stepSummary: summary), harness.ReporterOptions());

        Assert.True(outcome.FellBack);
        Assert.Contains("checks: write", outcome.FallbackReason);
        Assert.Null(outcome.CheckRunError);
        Assert.Single(outcome.WorkflowCommands);
        Assert.Empty(GitHub.CheckRuns);
        Assert.Single(GitHub.Requests, r => r.Method == "POST" && r.Path.EndsWith("/check-runs", StringComparison.Ordinal));
        Assert.Contains(outcome.Warnings, w => w.Contains("Resource not accessible by integration"));
        Assert.Contains("**No check run:**", File.ReadAllText(summary));
    }

    [Fact]
    public async Task ARefusedCheckRunIsReportedWithGitHubsMessageAndTheFindingsStillReachTheLog()
    {
        GitHub.Inject(FakeEndpoint.CreateCheckRun, Fault.Unprocessable("Validation Failed", new { resource = "CheckRun", field = "head_sha", code = "invalid" }));

        var outcome = await GitHubReporter.PublishAsync(Reports.Of(Reports.Blocking()), harness.Context(), harness.ReporterOptions());

        Assert.True(outcome.Failed);
        Assert.True(outcome.FellBack);
        Assert.Contains("422", outcome.CheckRunError);
        Assert.Contains("Validation Failed (CheckRun head_sha invalid)", outcome.CheckRunError);
        Assert.Single(outcome.WorkflowCommands);
    }

    [Fact]
    public async Task OutsideAPullRequestOnlyTheCheckRunIsPosted()
    {
        var outcome = await GitHubReporter.PublishAsync(Reports.Of(Reports.Blocking()), harness.Context(pullRequest: null), harness.ReporterOptions());

        Assert.Single(GitHub.CheckRuns);
        Assert.Null(outcome.Comment);
        Assert.DoesNotContain(GitHub.Requests, r => r.Path.Contains("/issues/", StringComparison.Ordinal));
    }
}
