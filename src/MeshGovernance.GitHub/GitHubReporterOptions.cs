namespace MeshGovernance.GitHub;

/// <summary>How <see cref="GitHubReporter"/> publishes: the check name and the client's patience.</summary>
public sealed record GitHubReporterOptions
{
    public string CheckName { get; init; } = "meshgov";

    public GitHubClientOptions Client { get; init; } = new();

    /// <summary>The HttpClient to use (tests, proxies); one is created and disposed when null.</summary>
    public HttpClient? HttpClient { get; init; }
}
