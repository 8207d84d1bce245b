using MeshGovernance.Testing.GitHubApi;

namespace MeshGovernance.GitHub.Tests;

public sealed class CheckRunPublisherTests : IAsyncLifetime
{
    private Harness harness = null!;

    private FakeGitHub GitHub => harness.GitHub;

    public async Task InitializeAsync() => harness = await Harness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task FirstRunCreatesOneCompletedCheckRunOnTheHeadCommit()
    {
        var result = await harness.CheckRuns().PublishAsync(Reports.Of(Reports.Blocking(), Reports.Advisory()), Harness.HeadSha);

        var run = Assert.Single(GitHub.CheckRuns);
        Assert.True(result.Created);
        Assert.Equal(run.Id, result.Id);
        Assert.Equal(Harness.HeadSha, run.HeadSha);
        Assert.Equal("meshgov", run.Name);
        Assert.Equal("completed", run.Status);
        Assert.Equal("failure", run.Conclusion);
        Assert.Equal("1 blocking finding", run.Title);
        Assert.Equal(2, run.Annotations.Count);
        Assert.Equal($"https://github.example/acme/mesh/runs/{run.Id}", result.HtmlUrl);

        var requests = GitHub.Requests;
        Assert.Equal(["GET", "POST"], requests.Select(r => r.Method));
        Assert.Contains("check_name=meshgov", requests[0].Query);
        Assert.Contains("filter=latest", requests[0].Query);
        var post = requests[1];
        Assert.Equal("Bearer " + FakeGitHub.Token, post.Headers["Authorization"]);
        Assert.Equal("application/vnd.github+json", post.Headers["Accept"]);
        Assert.Equal("2022-11-28", post.Headers["X-GitHub-Api-Version"]);
        Assert.StartsWith("MeshGovernance/", post.Headers["User-Agent"]);
        Assert.Equal("2025-06-01T12:00:00Z", post.Json["completed_at"]!.GetValue<string>());
    }

    [Fact]
    public async Task ReRunOnTheSameCommitUpdatesTheCheckRunAndDoesNotRepeatAnnotations()
    {
        var publisher = harness.CheckRuns();
        var report = Reports.Of(Reports.Blocking(), Reports.Advisory());
        await publisher.PublishAsync(report, Harness.HeadSha);
        var second = await publisher.PublishAsync(report, Harness.HeadSha);
        var fixedReport = Reports.Of(Reports.Advisory());
        var third = await publisher.PublishAsync(fixedReport, Harness.HeadSha);

        var run = Assert.Single(GitHub.CheckRuns);
        Assert.False(second.Created);
        Assert.Equal(run.Id, second.Id);
        Assert.Equal(0, second.AnnotationsSent);
        Assert.Equal(2, second.AnnotationsAlreadyPresent);
        Assert.Equal(2, run.Annotations.Count);
        Assert.Single(GitHub.Requests, r => r.Method == "POST");
        Assert.Equal("neutral", run.Conclusion);
        Assert.Equal(1, third.StaleAnnotations);
        Assert.Contains(third.Warnings, w => w.Contains("cannot remove annotations"));
        Assert.Contains("earlier run", run.Summary);
    }

    [Fact]
    public async Task AnotherCheckNameGetsItsOwnCheckRun()
    {
        await harness.CheckRuns().PublishAsync(Reports.Of(), Harness.HeadSha);
        await harness.CheckRuns(new CheckRunOptions { Name = "meshgov-contracts" }).PublishAsync(Reports.Of(), Harness.HeadSha);

        Assert.Equal(["meshgov", "meshgov-contracts"], GitHub.CheckRuns.Select(r => r.Name));
    }

    [Theory]
    [InlineData("none", "success")]
    [InlineData("advisory", "neutral")]
    [InlineData("waived", "neutral")]
    [InlineData("debt", "neutral")]
    [InlineData("blocking", "failure")]
    public async Task ConclusionFollowsWhatBlocks(string findings, string conclusion)
    {
        var report = findings switch
        {
            "advisory" => Reports.Of(Reports.Advisory()),
            "waived" => Reports.Of(Reports.Waived()),
            "debt" => Reports.Of(Reports.Debt()),
            "blocking" => Reports.Of(Reports.Blocking(), Reports.Debt()),
            _ => Reports.Of(),
        };

        await harness.CheckRuns().PublishAsync(report, Harness.HeadSha);

        Assert.Equal(conclusion, Assert.Single(GitHub.CheckRuns).Conclusion);
    }

    [Fact]
    public async Task AnnotationsCarryLinesLevelsAndColumnsOnlyOnOneLine()
    {
        var report = Reports.Of(Reports.Blocking(line: 4), Reports.Advisory(line: 9), Reports.Waived(), Reports.Debt(), Reports.WholeFile(), Reports.NoFile());

        var result = await harness.CheckRuns().PublishAsync(report, Harness.HeadSha);

        var annotations = Assert.Single(GitHub.CheckRuns).Annotations.ToDictionary(a => a["path"]!.GetValue<string>() + ":" + a["start_line"]);
        Assert.Equal(5, annotations.Count);
        Assert.Equal(5, result.AnnotationsSent);

        var blocking = annotations["domains/sales/products/orders.odps.yaml:4"];
        Assert.Equal("failure", blocking["annotation_level"]!.GetValue<string>());
        Assert.Equal(Reports.Policy, blocking["title"]!.GetValue<string>());
        Assert.Equal(4, blocking["end_line"]!.GetValue<int>());
        Assert.Equal(3, blocking["start_column"]!.GetValue<int>());
        Assert.Equal(11, blocking["end_column"]!.GetValue<int>());
        Assert.Contains("Policy: product-has-owner (hard-mandatory)", blocking["raw_details"]!.GetValue<string>());

        var advisory = annotations["domains/sales/products/orders.odps.yaml:9"];
        Assert.Equal("warning", advisory["annotation_level"]!.GetValue<string>());
        Assert.Equal(11, advisory["end_line"]!.GetValue<int>());
        Assert.Null(advisory["start_column"]);
        Assert.Null(advisory["end_column"]);

        var waived = annotations["domains/sales/contracts/orders.odcs.yaml:1"];
        Assert.Equal("notice", waived["annotation_level"]!.GetValue<string>());
        Assert.Contains("waived until 2025-09-30", waived["message"]!.GetValue<string>());

        var debt = annotations["domains/finance/products/ledger.odps.yaml:2"];
        Assert.Equal("warning", debt["annotation_level"]!.GetValue<string>());
        Assert.Contains("existing debt", debt["message"]!.GetValue<string>());

        var wholeFile = annotations["domains/sales/notes.txt:1"];
        Assert.Equal(1, wholeFile["end_line"]!.GetValue<int>());
        Assert.Null(wholeFile["start_column"]);
    }

    [Fact]
    public async Task OneHundredTwentyFindingsGoInBatchesOfFiftyFiftyTwenty()
    {
        var result = await harness.CheckRuns().PublishAsync(Reports.ManyBlocking(120), Harness.HeadSha);

        var writes = GitHub.Requests.Where(r => r.Method is "POST" or "PATCH").ToList();
        Assert.Equal(["POST", "PATCH", "PATCH"], writes.Select(r => r.Method));
        var batches = writes.Select(r => r.Json["output"]!["annotations"]!.AsArray()).ToList();
        Assert.Equal([50, 50, 20], batches.Select(b => b.Count));
        Assert.Equal(Enumerable.Range(1, 120), batches.SelectMany(b => b).Select(a => a!["start_line"]!.GetValue<int>()));
        Assert.All(batches.SelectMany(b => b), a => Assert.Equal("failure", a!["annotation_level"]!.GetValue<string>()));
        Assert.All(writes.Skip(1), w => Assert.EndsWith($"/check-runs/{result.Id}", w.Path));
        Assert.Equal(120, Assert.Single(GitHub.CheckRuns).Annotations.Count);
        Assert.Equal(120, result.AnnotationsSent);
    }

    [Fact]
    public async Task BeyondTheCapBlockingFindingsAreAnnotatedFirstAndTheRestIsSaid()
    {
        var findings = Enumerable.Range(1, 30).Select(i => Reports.Advisory(i)).Concat(Enumerable.Range(1, 30).Select(i => Reports.Blocking(line: i))).ToArray();

        var result = await harness.CheckRuns(new CheckRunOptions { MaxAnnotations = 40 }).PublishAsync(Reports.Of(findings), Harness.HeadSha);

        var run = Assert.Single(GitHub.CheckRuns);
        Assert.Equal(40, run.Annotations.Count);
        Assert.Equal(30, run.Annotations.Count(a => a["annotation_level"]!.GetValue<string>() == "failure"));
        Assert.Equal(20, result.AnnotationsDropped);
        Assert.Contains(result.Warnings, w => w.Contains("20 findings not annotated"));
        Assert.Contains("**40 of 60** findings are annotated", run.Summary);
    }

    [Fact]
    public async Task ASummaryBeyond65535CharactersIsCutOnALineWithAPointerToTheFullReport()
    {
        var report = Reports.ManyBlocking(2000, message: new string('x', 300));
        var options = new CheckRunOptions { FullReportUrl = new Uri("https://github.example/acme/mesh/actions/runs/987654"), MaxAnnotations = 50 };

        var result = await harness.CheckRuns(options).PublishAsync(report, Harness.HeadSha);

        var summary = Assert.Single(GitHub.CheckRuns).Summary!;
        Assert.True(result.SummaryTruncated);
        Assert.InRange(summary.Length, 60_000, 65_535);
        Assert.EndsWith("The full report is in [the job summary](https://github.example/acme/mesh/actions/runs/987654).**\n", summary);
        var lines = summary.Split('\n');
        var lastRow = lines.Last(l => l.StartsWith('|'));
        Assert.EndsWith(" |", lastRow);
        Assert.Contains("\n\n**The summary is cut here", summary);
    }

    [Fact]
    public async Task SummaryPutsBlockingFirstExistingDebtApartAndMarksWaived()
    {
        await harness.CheckRuns().PublishAsync(Reports.Of(Reports.Debt(), Reports.Waived(), Reports.Advisory(), Reports.Blocking()), Harness.HeadSha);

        var summary = Assert.Single(GitHub.CheckRuns).Summary!;
        var blocking = summary.IndexOf("### Blocking findings (1)", StringComparison.Ordinal);
        var other = summary.IndexOf("<summary>Warnings and notices (1)</summary>", StringComparison.Ordinal);
        var debt = summary.IndexOf("<summary>Existing debt (1)", StringComparison.Ordinal);
        var waived = summary.IndexOf("<summary>Waived findings (1)</summary>", StringComparison.Ordinal);
        Assert.True(blocking > 0 && other > blocking && debt > other && waived > debt, summary);
        Assert.Contains("| Owner team is being set up; tracked in GOV-12. | governance-board | 2025-09-30 |", summary[waived..]);
        Assert.Contains("1 existing debt", summary);
        Assert.Contains("finance.ledger", summary[debt..waived]);
    }

    [Fact]
    public async Task AServerErrorOnCreateIsRetriedAfterLookingAndCreatesOnlyOne()
    {
        GitHub.Inject(FakeEndpoint.CreateCheckRun, Fault.ServerError());

        var result = await harness.CheckRuns().PublishAsync(Reports.Of(Reports.Blocking()), Harness.HeadSha);

        Assert.Single(GitHub.CheckRuns);
        Assert.True(result.Created);
        Assert.Equal(["GET", "POST", "GET", "POST"], GitHub.Requests.Select(r => r.Method));
        Assert.Single(harness.Delays);
    }

    [Fact]
    public async Task ServerErrorsOnReadsAreRetriedWithExponentialBackoff()
    {
        GitHub.Inject(FakeEndpoint.ListCheckRunsForRef, Fault.ServerError(), Fault.ServerError(), Fault.ServerError());

        await harness.CheckRuns().PublishAsync(Reports.Of(Reports.Blocking()), Harness.HeadSha);

        Assert.Single(GitHub.CheckRuns);
        // Jitter is pinned at the middle: 0.75 of 1 s, 2 s, 4 s.
        Assert.Equal([TimeSpan.FromMilliseconds(750), TimeSpan.FromMilliseconds(1500), TimeSpan.FromMilliseconds(3000)], harness.Delays);
    }

    [Fact]
    public async Task ASecondaryRateLimitWaitsWhatRetryAfterSaysThenSucceeds()
    {
        GitHub.Inject(FakeEndpoint.CreateCheckRun, Fault.SecondaryRateLimit(7));
        GitHub.Inject(FakeEndpoint.UpdateCheckRun, Fault.SecondaryRateLimit(3));

        await harness.CheckRuns().PublishAsync(Reports.ManyBlocking(60), Harness.HeadSha);

        var run = Assert.Single(GitHub.CheckRuns);
        Assert.Equal(60, run.Annotations.Count);
        Assert.Equal([TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(3)], harness.Delays);
        Assert.Equal(2, GitHub.Requests.Count(r => r.Method == "POST"));
    }

    [Fact]
    public async Task AnExhaustedRateLimitWaitsUntilItsReset()
    {
        GitHub.Inject(FakeEndpoint.ListCheckRunsForRef, Fault.RateLimitExhausted(resetInSeconds: 42));

        await harness.CheckRuns().PublishAsync(Reports.Of(Reports.Blocking()), Harness.HeadSha);

        Assert.Single(GitHub.CheckRuns);
        Assert.Equal([TimeSpan.FromSeconds(43)], harness.Delays);
    }

    [Fact]
    public async Task ARateLimitLongerThanTheBudgetFailsWithoutWaiting()
    {
        GitHub.Inject(FakeEndpoint.ListCheckRunsForRef, Fault.SecondaryRateLimit(3600));

        var error = await Assert.ThrowsAsync<GitHubException>(() => harness.CheckRuns().PublishAsync(Reports.Of(), Harness.HeadSha));

        Assert.Empty(harness.Delays);
        Assert.Contains("retry budget", error.Message);
        Assert.Contains("secondary rate limit", error.Message);
        Assert.Empty(GitHub.CheckRuns);
    }

    [Fact]
    public async Task AttemptsAreBounded()
    {
        harness.MaxAttempts = 3;
        GitHub.Inject(FakeEndpoint.ListCheckRunsForRef, Enumerable.Repeat(Fault.ServerError(), 10).ToArray());

        var error = await Assert.ThrowsAsync<GitHubException>(() => harness.CheckRuns().PublishAsync(Reports.Of(), Harness.HeadSha));

        Assert.Equal(3, GitHub.Requests.Count);
        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Contains("gave up after 3 attempts", error.Message);
    }

    [Fact]
    public async Task ACreateThatTimedOutButWentThroughIsFoundAgainNotRepeated()
    {
        harness.RequestTimeout = TimeSpan.FromSeconds(2);
        GitHub.Inject(FakeEndpoint.CreateCheckRun, Fault.SlowAfterProcessing());

        var result = await harness.CheckRuns().PublishAsync(Reports.ManyBlocking(70), Harness.HeadSha);

        var run = Assert.Single(GitHub.CheckRuns);
        Assert.Equal(run.Id, result.Id);
        Assert.Equal(70, run.Annotations.Count);
        Assert.Equal(70, result.AnnotationsSent);
        Assert.Single(GitHub.Requests, r => r.Method == "POST");
        Assert.Single(harness.Delays);
        Assert.Equal(Enumerable.Range(1, 70), run.Annotations.Select(a => a["start_line"]!.GetValue<int>()));
    }

    [Fact]
    public async Task AnAnnotationBatchThatTimedOutButWentThroughIsNotSentTwice()
    {
        harness.RequestTimeout = TimeSpan.FromSeconds(2);
        GitHub.Inject(FakeEndpoint.UpdateCheckRun, Fault.SlowAfterProcessing());

        var result = await harness.CheckRuns().PublishAsync(Reports.ManyBlocking(120), Harness.HeadSha);

        var run = Assert.Single(GitHub.CheckRuns);
        Assert.Equal(120, run.Annotations.Count);
        Assert.Equal(Enumerable.Range(1, 120), run.Annotations.Select(a => a["start_line"]!.GetValue<int>()));
        Assert.Equal(120, result.AnnotationsSent);
        Assert.Equal(0, result.AnnotationsNotSent);
        Assert.Single(harness.Delays);
        Assert.Single(GitHub.Requests, r => r.Method == "GET" && r.Path.EndsWith("/annotations", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A422IsNotRetriedAndCarriesGitHubsMessageAndErrors()
    {
        GitHub.Inject(FakeEndpoint.CreateCheckRun, Fault.Unprocessable("Validation Failed", new { resource = "CheckRun", field = "head_sha", code = "invalid" }, "head_sha is not a commit of this repository"));

        var error = await Assert.ThrowsAsync<GitHubException>(() => harness.CheckRuns().PublishAsync(Reports.Of(Reports.Blocking()), Harness.HeadSha));

        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, error.StatusCode);
        Assert.Equal("Validation Failed", error.GitHubMessage);
        Assert.Equal(["CheckRun head_sha invalid", "head_sha is not a commit of this repository"], error.Errors);
        Assert.Contains("422", error.Message);
        Assert.Contains("Validation Failed", error.Message);
        Assert.Contains("head_sha is not a commit of this repository", error.Message);
        Assert.False(error.MayHaveSucceeded);
        Assert.Single(GitHub.Requests, r => r.Method == "POST");
        Assert.Empty(harness.Delays);
        Assert.Empty(GitHub.CheckRuns);
    }

    [Fact]
    public async Task ALaterBatchRefusedLeavesTheConclusionPostedAndSaysWhatWasNotSent()
    {
        GitHub.Inject(FakeEndpoint.UpdateCheckRun, Fault.Unprocessable("Validation Failed", "path is not in the repository"));

        var result = await harness.CheckRuns().PublishAsync(Reports.ManyBlocking(120), Harness.HeadSha);

        var run = Assert.Single(GitHub.CheckRuns);
        Assert.Equal("failure", run.Conclusion);
        Assert.Equal(50, run.Annotations.Count);
        Assert.Equal(70, result.AnnotationsNotSent);
        Assert.Contains(result.Warnings, w => w.Contains("70 annotations could not be sent") && w.Contains("path is not in the repository"));
    }

    [Fact]
    public async Task PaginatedCheckRunListsAreFollowed()
    {
        GitHub.MaxPageSize = 1;
        GitHub.CheckRuns.Add(new FakeCheckRun { Id = 1, Name = "meshgov", HeadSha = Harness.HeadSha });
        GitHub.CheckRuns.Add(new FakeCheckRun { Id = 2, Name = "meshgov", HeadSha = Harness.HeadSha });

        var result = await harness.CheckRuns().PublishAsync(Reports.Of(), Harness.HeadSha);

        Assert.Equal(2, result.Id);
        Assert.Equal(2, GitHub.CheckRuns.Count);
        Assert.Equal("success", GitHub.CheckRuns.Single(r => r.Id == 2).Conclusion);
    }
}
