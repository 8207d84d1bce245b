namespace MeshGovernance.Reports;

/// <summary>Where a Markdown summary is posted changes only these: the name in its heading, links, notes, and whether the policies table is in it.</summary>
public sealed record MarkdownSummaryOptions
{
    /// <summary>The name in the heading: the check run's name on GitHub.</summary>
    public string CheckName { get; init; } = "meshgov";

    /// <summary>The head commit's tree on GitHub (…/blob/SHA/), to link each location; null for plain locations.</summary>
    public Uri? BlobUrl { get; init; }

    /// <summary>Short remarks (Markdown) shown under the counts: annotations left out, no check run...</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>False where the policies table goes elsewhere (a check run's text).</summary>
    public bool IncludePolicies { get; init; } = true;

    /// <summary>Rows per table before "… and N more"; GitHub's bodies list every finding and are cut to GitHub's size limits instead.</summary>
    public int MaxTableRows { get; init; } = MarkdownReportWriter.MaxTableRows;

    /// <summary>Characters of a finding's message in a table cell.</summary>
    public int MaxMessageLength { get; init; } = 300;
}
