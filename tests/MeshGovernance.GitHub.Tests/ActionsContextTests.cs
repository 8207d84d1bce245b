namespace MeshGovernance.GitHub.Tests;

public sealed class ActionsContextTests : IDisposable
{
    private const string Head = "1234567890abcdef1234567890abcdef12345678";
    private const string Merge = "fedcba0987654321fedcba0987654321fedcba09";
    private const string Base = "0000000000000000000000000000000000000001";

    private readonly string eventFile = Path.GetTempFileName();

    public void Dispose() => File.Delete(eventFile);

    [Fact]
    public void APullRequestRunReportsOnTheHeadCommitNotTheMergeCommit()
    {
        var context = ActionsContext.FromEnvironment(Environment(PullRequestEvent("acme/mesh")));

        Assert.Equal("acme", context.Owner);
        Assert.Equal("mesh", context.Repository);
        Assert.Equal(Head, context.HeadSha);
        Assert.Equal(Merge, context.Sha);
        Assert.Equal(Base, context.BaseSha);
        Assert.Equal(17, context.PullRequestNumber);
        Assert.Equal("dana", context.PullRequestAuthor);
        Assert.False(context.IsFork);
        Assert.False(context.TokenIsReadOnly);
        Assert.Equal(new Uri("https://api.github.com/"), context.ApiUrl);
        Assert.Equal(new Uri("https://github.com/acme/mesh/actions/runs/555"), context.RunUrl);
        Assert.Equal("/tmp/summary.md", context.StepSummaryPath);
    }

    [Fact]
    public void APullRequestFromAForkHasAReadOnlyToken()
    {
        var context = ActionsContext.FromEnvironment(Environment(PullRequestEvent("dana/mesh")));

        Assert.True(context.IsFork);
        Assert.True(context.TokenIsReadOnly);
        Assert.Equal("dana/mesh", context.HeadRepository);
    }

    [Fact]
    public void PullRequestTargetRunsGetAWritableTokenEvenForForks()
    {
        var context = ActionsContext.FromEnvironment(Environment(PullRequestEvent("dana/mesh"), ("GITHUB_EVENT_NAME", "pull_request_target")));

        Assert.True(context.IsFork);
        Assert.False(context.TokenIsReadOnly);
    }

    [Fact]
    public void APushRunReportsOnGitHubSha()
    {
        File.WriteAllText(eventFile, """{"ref":"refs/heads/main"}""");

        var context = ActionsContext.FromEnvironment(Environment(null, ("GITHUB_EVENT_NAME", "push"), ("GITHUB_API_URL", "https://ghe.example/api/v3")));

        Assert.Equal(Merge, context.HeadSha);
        Assert.Null(context.PullRequestNumber);
        Assert.Equal(new Uri("https://ghe.example/api/v3/"), context.ApiUrl);
    }

    [Theory]
    [InlineData("GITHUB_TOKEN", null)]
    [InlineData("GITHUB_TOKEN", "  ")]
    [InlineData("GITHUB_REPOSITORY", null)]
    [InlineData("GITHUB_REPOSITORY", "no-slash")]
    [InlineData("GITHUB_API_URL", "ftp://example")]
    [InlineData("GITHUB_SHA", "not-a-sha")]
    [InlineData("GITHUB_RUN_ID", "12a")]
    [InlineData("GITHUB_EVENT_PATH", null)]
    [InlineData("GITHUB_EVENT_PATH", "/nonexistent/event.json")]
    public void AMissingOrInvalidVariableIsNamed(string variable, string? value)
    {
        var environment = Environment(PullRequestEvent("acme/mesh"));
        environment[variable] = value;

        var error = Assert.Throws<GitHubException>(() => ActionsContext.FromEnvironment(environment));

        Assert.Equal(variable, error.Variable);
        Assert.Contains(variable, error.Message);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"pull_request":{"number":17,"head":{"sha":"abc"}}}""")]
    [InlineData("""{"pull_request":{"head":{"sha":"1234567890abcdef1234567890abcdef12345678"}}}""")]
    [InlineData("""{"action":"opened"}""")]
    public void ABrokenEventFileIsNamed(string content)
    {
        File.WriteAllText(eventFile, content);

        var error = Assert.Throws<GitHubException>(() => ActionsContext.FromEnvironment(Environment(null)));

        Assert.Equal("GITHUB_EVENT_PATH", error.Variable);
    }

    [Fact]
    public void TheTokenIsNotInTheDescription()
    {
        var context = ActionsContext.FromEnvironment(Environment(PullRequestEvent("acme/mesh")));

        Assert.DoesNotContain("ghs_secret", context.ToString());
        Assert.DoesNotContain("ghs_secret", Assert.Throws<GitHubException>(() => ActionsContext.FromEnvironment(Environment(PullRequestEvent("acme/mesh"), ("GITHUB_REPOSITORY", "bad")))).Message);
    }

    private Dictionary<string, string?> Environment(string? eventJson, params (string Name, string? Value)[] overrides)
    {
        if (eventJson is not null)
        {
            File.WriteAllText(eventFile, eventJson);
        }

        var environment = new Dictionary<string, string?>
        {
            ["GITHUB_TOKEN"] = "ghs_secret",
            ["GITHUB_REPOSITORY"] = "acme/mesh",
            ["GITHUB_EVENT_PATH"] = eventFile,
            ["GITHUB_EVENT_NAME"] = "pull_request",
            ["GITHUB_SHA"] = Merge,
            ["GITHUB_RUN_ID"] = "555",
            ["GITHUB_STEP_SUMMARY"] = "/tmp/summary.md",
        };
        foreach (var (name, value) in overrides)
        {
            environment[name] = value;
        }

        return environment;
    }

    private static string PullRequestEvent(string headRepository) => $$"""
        {
          "action": "synchronize",
          "number": 17,
          "pull_request": {
            "number": 17,
            "user": { "login": "dana" },
            "head": { "sha": "{{Head}}", "repo": { "full_name": "{{headRepository}}" } },
            "base": { "sha": "{{Base}}", "repo": { "full_name": "acme/mesh" } }
          }
        }
        """;
}
