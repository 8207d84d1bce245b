using MeshGovernance.Testing.GitHubApi;

namespace MeshGovernance.GitHub.Tests;

/// <summary>A started fake GitHub and a client for it whose waits are recorded instead of slept.</summary>
internal sealed class Harness : IAsyncDisposable
{
    public const string HeadSha = "1234567890abcdef1234567890abcdef12345678";
    public const string MergeSha = "fedcba0987654321fedcba0987654321fedcba09";

    // No proxy: the tests talk to 127.0.0.1 and nothing else.
    private readonly HttpClient http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = Timeout.InfiniteTimeSpan };

    private Harness(FakeGitHub github)
    {
        GitHub = github;
    }

    public FakeGitHub GitHub { get; }

    /// <summary>Every wait the client asked for, in order.</summary>
    public List<TimeSpan> Delays { get; } = [];

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(20);

    public int MaxAttempts { get; set; } = 5;

    public HttpClient Http => http;

    public GitHubClientOptions ClientOptions => new()
    {
        RequestTimeout = RequestTimeout,
        MaxAttempts = MaxAttempts,
        Delay = (delay, _) =>
        {
            lock (Delays)
            {
                Delays.Add(delay);
            }

            return Task.CompletedTask;
        },
        Jitter = () => 0.5,
        Clock = new FixedClock(FixedClock.Noon),
    };

    public static async Task<Harness> StartAsync() => new(await FakeGitHub.StartAsync());

    public GitHubClient Client() => new(http, GitHub.ApiUrl, FakeGitHub.Token, ClientOptions);

    public CheckRunPublisher CheckRuns(CheckRunOptions? options = null) => new(Client(), FakeGitHub.Owner, FakeGitHub.Repo, options);

    public PullRequestCommentPublisher Comments() => new(Client(), FakeGitHub.Owner, FakeGitHub.Repo);

    public ActionsContext Context(int? pullRequest = 42, bool fork = false, string? stepSummary = null) => new()
    {
        Token = FakeGitHub.Token,
        Owner = FakeGitHub.Owner,
        Repository = FakeGitHub.Repo,
        ApiUrl = GitHub.ApiUrl,
        ServerUrl = new Uri("https://github.example/"),
        HeadSha = HeadSha,
        Sha = MergeSha,
        EventName = "pull_request",
        PullRequestNumber = pullRequest,
        HeadRepository = fork ? "someone/mesh" : $"{FakeGitHub.Owner}/{FakeGitHub.Repo}",
        IsFork = fork,
        RunId = "987654",
        StepSummaryPath = stepSummary,
    };

    public GitHubReporterOptions ReporterOptions(Func<GitHubReporterOptions, GitHubReporterOptions>? change = null)
    {
        var options = new GitHubReporterOptions { Client = ClientOptions, HttpClient = http };
        return change is null ? options : change(options);
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await GitHub.DisposeAsync();
    }
}
