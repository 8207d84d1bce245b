using MeshGovernance.Testing.GitHubApi;

namespace MeshGovernance.GitHub.Tests;

public sealed class PullRequestCommentPublisherTests : IAsyncLifetime
{
    private Harness harness = null!;

    private FakeGitHub GitHub => harness.GitHub;

    public async Task InitializeAsync() => harness = await Harness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task TheCommentIsCreatedOnceThenUpdated()
    {
        var publisher = harness.Comments();

        var first = await publisher.PublishAsync(42, "## first");
        var second = await publisher.PublishAsync(42, "## second");
        var third = await publisher.PublishAsync(42, "## second");

        var comment = Assert.Single(GitHub.Comments);
        Assert.True(first!.Created);
        Assert.False(second!.Created);
        Assert.Equal(comment.Id, second.Id);
        Assert.Equal("<!-- meshgov:check meshgov -->\n## second", comment.Body);
        Assert.True(third!.Unchanged);
        Assert.Single(GitHub.Requests, r => r.Method == "POST");
        Assert.Single(GitHub.Requests, r => r.Method == "PATCH" && r.Path == $"/repos/acme/mesh/issues/comments/{comment.Id}");
    }

    [Fact]
    public async Task TheMarkedCommentIsFoundOnALaterPage()
    {
        GitHub.MaxPageSize = 2;
        for (var i = 0; i < 5; i++)
        {
            GitHub.AddComment(42, $"LGTM {i}");
        }

        GitHub.AddComment(42, "> <!-- meshgov:check meshgov -->\nquoted by a person");
        var ours = GitHub.AddComment(42, "<!-- meshgov:check meshgov -->\nold", "github-actions[bot]", "Bot");
        GitHub.AddComment(42, "thanks");

        var result = await harness.Comments().PublishAsync(42, "new");

        Assert.Equal(ours.Id, result!.Id);
        Assert.Equal("<!-- meshgov:check meshgov -->\nnew", ours.Body);
        Assert.Equal(8, GitHub.Comments.Count);
        Assert.Equal(4, GitHub.Requests.Count(r => r.Method == "GET"));
        Assert.Contains(GitHub.Requests, r => r.Query.Contains("page=4"));
    }

    [Fact]
    public async Task ABotCommentIsPreferredOverAPastedMarker()
    {
        GitHub.AddComment(42, "<!-- meshgov:check meshgov -->\npasted by a person");
        var ours = GitHub.AddComment(42, "<!-- meshgov:check meshgov -->\nold", "github-actions[bot]", "Bot");

        var result = await harness.Comments().PublishAsync(42, "new");

        Assert.Equal(ours.Id, result!.Id);
    }

    [Fact]
    public async Task WithoutCreateOnlyAnExistingCommentIsUpdated()
    {
        var result = await harness.Comments().PublishAsync(42, "all fixed", createIfMissing: false);

        Assert.Null(result);
        Assert.Empty(GitHub.Comments);
    }

    [Fact]
    public async Task ACreateThatTimedOutButWentThroughIsNotRepeated()
    {
        harness.RequestTimeout = TimeSpan.FromSeconds(2);
        GitHub.Inject(FakeEndpoint.CreateComment, Fault.SlowAfterProcessing());

        var result = await harness.Comments().PublishAsync(42, "body");

        var comment = Assert.Single(GitHub.Comments);
        Assert.Equal(comment.Id, result!.Id);
        Assert.True(result.Created);
        Assert.Single(GitHub.Requests, r => r.Method == "POST");
    }

    [Fact]
    public async Task AServerErrorOnCreateIsRetriedWithoutDuplicate()
    {
        GitHub.Inject(FakeEndpoint.CreateComment, Fault.ServerError(), Fault.ServerError());

        await harness.Comments().PublishAsync(42, "body");

        Assert.Single(GitHub.Comments);
        Assert.Equal(3, GitHub.Requests.Count(r => r.Method == "POST"));
    }

    [Fact]
    public async Task ABodyBeyond65536CharactersIsCutWithAPointer()
    {
        var markdown = string.Join('\n', Enumerable.Range(0, 5000).Select(i => $"| row {i} | {new string('y', 30)} |"));

        var result = await harness.Comments().PublishAsync(42, markdown, "[the job summary](https://github.example/run)");

        var body = Assert.Single(GitHub.Comments).Body;
        Assert.True(result!.Truncated);
        Assert.InRange(body.Length, 60_000, 65_536);
        Assert.StartsWith("<!-- meshgov:check meshgov -->\n", body);
        Assert.EndsWith("The full report is in [the job summary](https://github.example/run).**\n", body);
    }

    [Fact]
    public async Task TheMarkerCannotBeBrokenByTheCheckName()
    {
        Assert.Equal("<!-- meshgov:check a_-_ b -->", PullRequestCommentPublisher.MarkerFor("a--> b"));
        await Task.CompletedTask;
    }
}
