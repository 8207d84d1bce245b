namespace MeshGovernance.GitHub;

/// <summary>What the check run is called, where its links point, and how many annotations it carries.</summary>
public sealed record CheckRunOptions
{
    /// <summary>The check's name: one check run per head commit and name.</summary>
    public string Name { get; init; } = "meshgov";

    /// <summary>
    /// The most annotations sent for one check run. The Checks API takes 50 per request and GitHub does not
    /// promise to show unlimited numbers; blocking findings go first, the rest are still in the summary.
    /// </summary>
    public int MaxAnnotations { get; init; } = 1000;

    /// <summary>Where the full report is (the workflow run's job summary), named when the summary must be cut.</summary>
    public Uri? FullReportUrl { get; init; }

    /// <summary>The check run's "details" link.</summary>
    public Uri? DetailsUrl { get; init; }

    /// <summary>The head commit's tree on GitHub (…/OWNER/REPO/blob/SHA/), to link locations in the summary.</summary>
    public Uri? BlobUrl { get; init; }
}
