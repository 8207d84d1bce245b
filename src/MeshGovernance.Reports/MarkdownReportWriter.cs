using System.Text;
using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Results;
using static MeshGovernance.Model.Text.Wording;

namespace MeshGovernance.Reports;

/// <summary>
/// The GitHub-flavoured Markdown summary of a check, the only one meshgov writes: <c>--format markdown</c>, and on
/// GitHub the check run, the pull-request comment and the job summary. A status heading, the counts, a table of
/// the blocking findings, and collapsed sections for warnings and notices, existing debt, baselined and waived
/// findings and the policies. In <c>--format markdown</c> every table stops at <see cref="MaxTableRows"/> rows and
/// long messages are cut, to keep the summary small; GitHub's bodies list every finding (<see cref="MarkdownSummaryOptions"/>)
/// and are cut to GitHub's limits where they are posted.
/// </summary>
public static class MarkdownReportWriter
{
    /// <summary>Rows per table of <c>--format markdown</c> (see <see cref="MarkdownSummaryOptions.MaxTableRows"/>).</summary>
    public const int MaxTableRows = 200;

    public static void Write(TextWriter output, CheckReport report) => output.Write(Render(report, new MarkdownSummaryOptions()));

    public static string Render(CheckReport report, MarkdownSummaryOptions options)
    {
        var blocking = report.Diagnostics.Where(d => d.Blocking).ToList();
        var waived = report.Diagnostics.Where(d => d.IsWaived()).ToList();
        var baselined = report.Diagnostics.Where(d => d.Baselined).ToList();
        var existingDebt = report.Diagnostics.Where(d => d.ExistingDebt && !d.Baselined && !d.IsWaived()).ToList();
        var nonBlocking = report.Diagnostics.Where(d => !d.Blocking && !d.IsWaived() && !d.ExistingDebt).ToList();

        var page = new StringBuilder();
        page.Append("## ").Append(Status(Cell(options.CheckName, 100), blocking.Count, nonBlocking.Count(d => d.Level == DiagnosticLevel.Warning))).Append("\n\n");
        page.Append(Counts(report)).Append('\n');
        if (report.Change is { } change)
        {
            page.Append('\n').Append(ChangeLine(change)).Append('\n');
        }

        foreach (var note in options.Notes)
        {
            page.Append("\n> ").Append(note).Append('\n');
        }

        if (blocking.Count > 0)
        {
            page.Append($"\n### Blocking findings ({blocking.Count})\n\nThese fail the check. Fix them, or (for soft-mandatory policies) ask the governance group for a waiver.\n\n");
            AppendFindings(page, blocking, options);
        }

        if (nonBlocking.Count > 0)
        {
            AppendDetails(page, $"Warnings and notices ({nonBlocking.Count})", () => AppendFindings(page, nonBlocking, options));
        }

        if (existingDebt.Count > 0)
        {
            AppendDetails(page, $"Existing debt ({existingDebt.Count}): on subjects this pull request does not touch, not blocking", () => AppendFindings(page, existingDebt, options));
        }

        if (baselined.Count > 0)
        {
            AppendDetails(page, $"Baselined ({baselined.Count}): recorded in governance/baseline.yaml, not blocking", () => AppendFindings(page, baselined, options));
        }

        if (waived.Count > 0)
        {
            AppendDetails(page, $"Waived findings ({waived.Count})", () => AppendWaived(page, waived, options));
        }

        if (options.IncludePolicies && report.Policies.Count > 0)
        {
            AppendDetails(page, $"Policies ({report.Policies.Count})", () => page.Append(PoliciesTable(report)));
        }

        return page.ToString();
    }

    /// <summary>The policies and each one's verdict, as a table (empty when the report has none).</summary>
    public static string PoliciesTable(CheckReport report)
    {
        if (report.Policies.Count == 0)
        {
            return string.Empty;
        }

        var page = new StringBuilder();
        page.Append("| Policy | Enforcement | Category | Result |\n");
        page.Append("|---|---|---|---|\n");
        var verdicts = PolicyVerdicts.Of(report.Policies, report.Diagnostics);
        AppendRows(page, verdicts, MaxTableRows, v => [Cell(v.Id), v.Policy.Metadata.Enforcement.ToName(), Cell(v.Policy.Metadata.Category), Result(v)]);
        return page.ToString();
    }

    private static string Status(string name, int blocking, int warnings) =>
        blocking > 0 ? $"❌ {name}: {Plural(blocking, "blocking finding")}"
        : warnings > 0 ? $"⚠️ {name}: passed with {Plural(warnings, "warning")}"
        : $"✅ {name}: passed";

    private static string ChangeLine(ChangeSummary change)
    {
        var author = change.Author is null ? string.Empty : " by " + Cell(change.Author);
        var policies = change.PoliciesFromHead
            ? "⚠️ judged with the policies of the **head** (`--policies-from head`): the change could rewrite its own rules"
            : "judged with the policies, waivers and settings of the base";
        return $"Pull request{author}: {Plural(change.ChangedFiles, "changed file")}, `{Short(change.BaseCommit)}`..`{Short(change.HeadCommit)}`, {policies}.";
    }

    private static string Short(string commit) => Cell(commit.Length > 12 ? commit[..12] : commit);

    private static string Counts(CheckReport report)
    {
        var summary = report.Summary;
        var parts = new List<string>
        {
            $"{Plural(summary.Errors, "error")}, {Plural(summary.Warnings, "warning")}, {Plural(summary.Notices, "notice")}",
            $"**{summary.Blocking} blocking**",
        };
        if (summary.Waived > 0 || report.Policies.Count > 0)
        {
            parts.Add($"{summary.Waived} waived");
        }

        if (summary.Baselined > 0)
        {
            parts.Add($"{summary.Baselined} baselined");
        }

        if (report.Change is not null || summary.ExistingDebt > summary.Baselined)
        {
            parts.Add($"{summary.ExistingDebt} existing debt");
        }

        if (report.Policies.Count > 0)
        {
            parts.Add(PolicyCounts.Sentence(report.Policies, report.Diagnostics));
        }

        parts.Add(Plural(summary.Files, "file"));
        return string.Join(" · ", parts);
    }

    private static void AppendFindings(StringBuilder page, IReadOnlyList<Diagnostic> findings, MarkdownSummaryOptions options)
    {
        page.Append("| Level | Rule | Subject | Location | Message |\n");
        page.Append("|---|---|---|---|---|\n");
        AppendRows(page, findings, options.MaxTableRows, f => [f.Level.Name(), Cell(f.Id), Cell(f.Subject ?? string.Empty), Location(f.Span, options.BlobUrl), Cell(f.Message, options.MaxMessageLength)]);
    }

    private static void AppendWaived(StringBuilder page, IReadOnlyList<Diagnostic> findings, MarkdownSummaryOptions options)
    {
        page.Append("| Rule | Subject | Location | Message | Justification | Approved by | Expires |\n");
        page.Append("|---|---|---|---|---|---|---|\n");
        AppendRows(page, findings, options.MaxTableRows, f =>
        {
            var waiver = f.Policy!.Waiver!;
            return [Cell(f.Id), Cell(f.Subject ?? string.Empty), Location(f.Span, options.BlobUrl), Cell(f.Message, options.MaxMessageLength), Cell(waiver.Justification, options.MaxMessageLength), Cell(waiver.ApprovedBy), Cell(waiver.Expires)];
        });
    }

    /// <summary>A policy's verdict in one table cell: the same words wherever meshgov writes Markdown.</summary>
    internal static string Result(PolicyVerdict verdict)
    {
        switch (verdict.Status)
        {
            case PolicyStatus.Disabled:
                return "disabled";
            case PolicyStatus.NotEvaluated:
                return "not evaluated (pull requests only)";
            case PolicyStatus.DidNotRun:
                return verdict.Reasons.Count > 0 ? $"⚠️ did not run ({Cell(string.Join(", ", verdict.Reasons))})" : "⚠️ did not run";
        }

        var result = verdict.Failed > 0 ? $"❌ {Plural(verdict.Failed, "failing subject")}" : "✅ passed";
        var notes = new List<string>();
        if (verdict.Waived > 0)
        {
            notes.Add($"{verdict.Waived} waived");
        }

        if (verdict.ExistingDebt > 0)
        {
            notes.Add($"{verdict.ExistingDebt} with existing debt");
        }

        if (verdict.NonBlockingFindings > 0)
        {
            notes.Add(Plural(verdict.NonBlockingFindings, "non-blocking finding"));
        }

        return notes.Count > 0 ? $"{result} ({string.Join(", ", notes)})" : result;
    }

    private static void AppendRows<T>(StringBuilder page, IReadOnlyList<T> items, int maxRows, Func<T, string[]> cells)
    {
        foreach (var item in items.Take(maxRows))
        {
            page.Append("| ").Append(string.Join(" | ", cells(item))).Append(" |\n");
        }

        if (items.Count > maxRows)
        {
            // The blank line ends the table; without it GitHub would read the line as one more row.
            page.Append($"\n… and {items.Count - maxRows} more (see the full report).\n");
        }
    }

    private static void AppendDetails(StringBuilder page, string summary, Action appendBody)
    {
        // GitHub renders Markdown inside <details> only when blank lines separate it from the tags.
        page.Append("\n<details>\n<summary>").Append(summary).Append("</summary>\n\n");
        appendBody();
        page.Append("\n</details>\n");
    }

    /// <summary>A finding's place, linked to the line on GitHub when <paramref name="blobUrl"/> (the head commit's tree) is known.</summary>
    private static string Location(SourceSpan span, Uri? blobUrl)
    {
        if (string.IsNullOrWhiteSpace(span.File))
        {
            return string.Empty;
        }

        var line = Math.Max(1, span.Line);
        var text = Cell($"{span.File}:{line}", 300);
        if (blobUrl is null || span.File.Split('/').Any(segment => segment is ".." or "."))
        {
            return text;
        }

        return $"[{text}]({blobUrl.AbsoluteUri}{MarkdownEscaping.UrlPath(span.File)}#L{line})";
    }

    /// <summary>Repository text as inert table-cell content (see <see cref="MarkdownEscaping.Cell"/>).</summary>
    internal static string Cell(string text, int maxLength = int.MaxValue) => MarkdownEscaping.Cell(text, maxLength);
}
