using MeshGovernance.Reports;
using static MeshGovernance.Model.Text.Wording;

namespace MeshGovernance.GitHub;

/// <summary>
/// What a pull request reads on GitHub: the check run's conclusion and title, and the Markdown summary (the same
/// as <c>--format markdown</c>) for the check run, the sticky comment and the job summary.
/// </summary>
internal static class CheckSummaryMarkdown
{
    public static CheckConclusion ConclusionOf(CheckReport report) =>
        report.Blocking ? CheckConclusion.Failure : report.Diagnostics.Count > 0 ? CheckConclusion.Neutral : CheckConclusion.Success;

    public static string Title(CheckReport report)
    {
        var blocking = report.Diagnostics.Count(d => d.Blocking);
        var total = report.Diagnostics.Count;
        return blocking > 0 ? Plural(blocking, "blocking finding")
            : total > 0 ? $"Passed: {Plural(total, "finding")}, none blocking"
            : "Passed: no findings";
    }

    /// <summary>The one Markdown summary (<see cref="MarkdownReportWriter"/>), named and linked for GitHub.</summary>
    /// <param name="blobUrl">The head commit's tree on GitHub (…/blob/SHA/), to link locations.</param>
    /// <param name="notes">Short remarks shown under the counts (annotations left out, stale annotations).</param>
    /// <param name="includePolicies">Add the policies table (the check run carries it in its text instead).</param>
    public static string Render(CheckReport report, string checkName, Uri? blobUrl, IReadOnlyList<string>? notes = null, bool includePolicies = true) =>
        MarkdownReportWriter.Render(report, new MarkdownSummaryOptions
        {
            CheckName = checkName,
            BlobUrl = blobUrl,
            Notes = notes ?? [],
            IncludePolicies = includePolicies,
            // Every finding: each body is cut to GitHub's limit where it is posted, with a pointer to the job summary.
            MaxTableRows = int.MaxValue,
            MaxMessageLength = 1000,
        });

    /// <summary>The policies and what each did, as a table (empty when the report has none).</summary>
    public static string Policies(CheckReport report) => MarkdownReportWriter.PoliciesTable(report);
}
