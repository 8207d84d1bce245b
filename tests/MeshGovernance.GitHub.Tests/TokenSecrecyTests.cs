using MeshGovernance.Testing.GitHubApi;

namespace MeshGovernance.GitHub.Tests;

/// <summary>The token goes into the Authorization header and nowhere else: not into bodies, URLs, exceptions or the outcome.</summary>
public sealed class TokenSecrecyTests : IAsyncLifetime
{
    private Harness harness = null!;

    private FakeGitHub GitHub => harness.GitHub;

    public async Task InitializeAsync() => harness = await Harness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task AnErrorBodyEchoingTheTokenIsRedacted()
    {
        GitHub.Inject(FakeEndpoint.CreateCheckRun, Fault.EchoAuthorization());

        var error = await Assert.ThrowsAsync<GitHubException>(() => harness.CheckRuns().PublishAsync(Reports.Of(Reports.Blocking()), Harness.HeadSha));

        Assert.DoesNotContain(FakeGitHub.Token, error.ToString());
        Assert.DoesNotContain(FakeGitHub.Token, error.GitHubMessage);
        Assert.All(error.Errors, e => Assert.DoesNotContain(FakeGitHub.Token, e));
        Assert.Contains("Bearer ***", error.Message);
    }

    [Fact]
    public async Task TheOutcomeOfAFailedPublishHasNoToken()
    {
        harness.RequestTimeout = TimeSpan.FromSeconds(2);
        harness.MaxAttempts = 2;
        GitHub.Inject(FakeEndpoint.CreateCheckRun, Fault.EchoAuthorization());
        GitHub.Inject(FakeEndpoint.ListComments, Fault.SlowAfterProcessing(), Fault.SlowAfterProcessing());
        var summary = Path.GetTempFileName();
        try
        {
            var outcome = await GitHubReporter.PublishAsync(Reports.Of(Reports.Blocking()), harness.Context(stepSummary: summary), harness.ReporterOptions());

            Assert.True(outcome.Failed);
            Assert.NotNull(outcome.CheckRunError);
            Assert.NotNull(outcome.CommentError);
            var printed = new StringWriter();
            outcome.WriteTo(printed);
            Assert.DoesNotContain(FakeGitHub.Token, printed.ToString());
            Assert.DoesNotContain(FakeGitHub.Token, outcome.ToString());
            Assert.DoesNotContain(FakeGitHub.Token, File.ReadAllText(summary));
        }
        finally
        {
            File.Delete(summary);
        }
    }

    [Fact]
    public async Task TheTokenIsOnlyEverSentInTheAuthorizationHeader()
    {
        var summary = Path.GetTempFileName();
        try
        {
            await GitHubReporter.PublishAsync(Reports.ManyBlocking(60), harness.Context(stepSummary: summary), harness.ReporterOptions());

            Assert.NotEmpty(GitHub.Requests);
            foreach (var request in GitHub.Requests)
            {
                Assert.Equal("Bearer " + FakeGitHub.Token, request.Headers["Authorization"]);
                Assert.DoesNotContain(FakeGitHub.Token, request.Path + request.Query + request.Body);
                Assert.DoesNotContain(request.Headers, h => h.Key != "Authorization" && h.Value.Contains(FakeGitHub.Token));
            }
        }
        finally
        {
            File.Delete(summary);
        }
    }

    [Fact]
    public void TheContextDoesNotShowTheToken()
    {
        var context = harness.Context();

        Assert.DoesNotContain(FakeGitHub.Token, context.ToString());
    }

    [Fact]
    public async Task ANextPageLinkToAnotherHostIsNotFollowed()
    {
        var client = harness.Client();

        var error = await Assert.ThrowsAsync<GitHubException>(async () =>
        {
            await foreach (var item in client.GetAllAsync("https://elsewhere.example/repos/acme/mesh/issues/1/comments"))
            {
            }
        });

        Assert.Contains("refusing to follow", error.Message);
        Assert.Empty(GitHub.Requests);
    }
}
