using System.Text;
using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Results;

namespace MeshGovernance.Reports;

/// <summary>
/// The GitHub-flavoured Markdown summary of a check, for a pull request (job summary, check run or comment):
/// a status heading, the counts, a table of the blocking findings, and collapsed sections for warnings and
/// notices, waived findings and the policies. Every table stops at <see cref="MaxTableRows"/> rows and long
/// messages are cut, to keep the summary small; GitHub takes at most 65,535 characters for a check run summary,
/// and a caller posting there still cuts what is beyond.
/// </summary>
public static class MarkdownReportWriter
{
    public const int MaxTableRows = 200;

    private const int MaxMessageLength = 300;

    public static void Write(TextWriter output, CheckReport report)
    {
        var blocking = report.Diagnostics.Where(d => d.Blocking).ToList();
        var waived = report.Diagnostics.Where(d => d.IsWaived()).ToList();
        var baselined = report.Diagnostics.Where(d => d.Baselined).ToList();
        var existingDebt = report.Diagnostics.Where(d => d.ExistingDebt && !d.Baselined && !d.IsWaived()).ToList();
        var nonBlocking = report.Diagnostics.Where(d => !d.Blocking && !d.IsWaived() && !d.ExistingDebt).ToList();

        var page = new StringBuilder();
        page.Append("## ").Append(Status(blocking.Count, nonBlocking.Count(d => d.Level == DiagnosticLevel.Warning))).Append("\n\n");
        page.Append(Counts(report)).Append('\n');
        if (report.Change is { } change)
        {
            page.Append('\n').Append(ChangeLine(change)).Append('\n');
        }

        if (blocking.Count > 0)
        {
            page.Append("\n### Blocking findings\n\n");
            AppendFindings(page, blocking);
        }

        if (nonBlocking.Count > 0)
        {
            AppendDetails(page, $"Warnings and notices ({nonBlocking.Count})", () => AppendFindings(page, nonBlocking));
        }

        if (existingDebt.Count > 0)
        {
            AppendDetails(page, $"Existing debt ({existingDebt.Count}): on subjects this pull request does not touch, not blocking", () => AppendFindings(page, existingDebt));
        }

        if (baselined.Count > 0)
        {
            AppendDetails(page, $"Baselined ({baselined.Count}): recorded in governance/baseline.yaml, not blocking", () => AppendFindings(page, baselined));
        }

        if (waived.Count > 0)
        {
            AppendDetails(page, $"Waived findings ({waived.Count})", () => AppendWaived(page, waived));
        }

        if (report.Policies.Count > 0)
        {
            AppendDetails(page, $"Policies ({report.Policies.Count})", () => AppendPolicies(page, report));
        }

        output.Write(page.ToString());
    }

    private static string Status(int blocking, int warnings) =>
        blocking > 0 ? $"❌ meshgov: {Plural(blocking, "blocking finding")}"
        : warnings > 0 ? $"⚠️ meshgov: passed with {Plural(warnings, "warning")}"
        : "✅ meshgov: passed";

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
        };
        if (report.Policies.Count > 0)
        {
            var enabled = report.Policies.Count(p => p.Enabled);
            var ran = report.Policies.Count(p => p.Ran);
            parts.Add($"{summary.Waived} waived");
            if (summary.Baselined > 0)
            {
                parts.Add($"{summary.Baselined} baselined");
            }
            if (report.Change is not null)
            {
                parts.Add($"{summary.ExistingDebt} existing debt");
            }

            parts.Add($"{Plural(ran, "policy", "policies")} evaluated ({enabled - ran} could not run, {report.Policies.Count - enabled} disabled)");
        }

        parts.Add(Plural(summary.Files, "file"));
        return string.Join(" · ", parts);
    }

    private static void AppendFindings(StringBuilder page, IReadOnlyList<Diagnostic> findings)
    {
        page.Append("| Level | Rule | Subject | Location | Message |\n");
        page.Append("|---|---|---|---|---|\n");
        AppendRows(page, findings, f => [f.Level.Name(), Cell(f.Id), Cell(f.Subject ?? string.Empty), Location(f.Span), Cell(f.Message, MaxMessageLength)]);
    }

    private static void AppendWaived(StringBuilder page, IReadOnlyList<Diagnostic> findings)
    {
        page.Append("| Rule | Subject | Location | Message | Justification | Approved by | Expires |\n");
        page.Append("|---|---|---|---|---|---|---|\n");
        AppendRows(page, findings, f =>
        {
            var waiver = f.Policy!.Waiver!;
            return [Cell(f.Id), Cell(f.Subject ?? string.Empty), Location(f.Span), Cell(f.Message, MaxMessageLength), Cell(waiver.Justification, MaxMessageLength), Cell(waiver.ApprovedBy), Cell(waiver.Expires)];
        });
    }

    private static void AppendPolicies(StringBuilder page, CheckReport report)
    {
        page.Append("| Policy | Enforcement | Category | Result |\n");
        page.Append("|---|---|---|---|\n");
        AppendRows(page, report.Policies, p => [Cell(p.Metadata.Id), p.Metadata.Enforcement.ToName(), Cell(p.Metadata.Category), Result(p, report.Diagnostics)]);
    }

    private static string Result(PolicyOutcome policy, IReadOnlyList<Diagnostic> diagnostics)
    {
        if (!policy.Enabled)
        {
            return "disabled";
        }

        if (!policy.Ran)
        {
            var reasons = diagnostics.Where(d => d.IsEngineDiagnosticOf(policy.Metadata.Id)).Select(d => d.Id).Distinct().ToList();
            return reasons.Count > 0 ? $"⚠️ did not run ({Cell(string.Join(", ", reasons))})" : "⚠️ did not run";
        }

        var subjects = PolicyFindings.SubjectsOf(policy, diagnostics);
        var failing = subjects.Count(s => s.Blocking);
        var result = failing > 0 ? $"❌ {Plural(failing, "failing subject")}" : "✅ passed";
        var waived = subjects.Count(s => s.Waived);
        var nonBlocking = subjects.SelectMany(s => s.Findings).Count(f => !f.Blocking && !f.IsWaived());
        var notes = new List<string>();
        if (waived > 0)
        {
            notes.Add($"{waived} waived");
        }

        if (nonBlocking > 0)
        {
            notes.Add(Plural(nonBlocking, "non-blocking finding"));
        }

        return notes.Count > 0 ? $"{result} ({string.Join(", ", notes)})" : result;
    }

    private static void AppendRows<T>(StringBuilder page, IReadOnlyList<T> items, Func<T, string[]> cells)
    {
        foreach (var item in items.Take(MaxTableRows))
        {
            page.Append("| ").Append(string.Join(" | ", cells(item))).Append(" |\n");
        }

        if (items.Count > MaxTableRows)
        {
            // The blank line ends the table; without it GitHub would read the line as one more row.
            page.Append($"\n… and {items.Count - MaxTableRows} more (see the full report).\n");
        }
    }

    private static void AppendDetails(StringBuilder page, string summary, Action appendBody)
    {
        // GitHub renders Markdown inside <details> only when blank lines separate it from the tags.
        page.Append("\n<details>\n<summary>").Append(summary).Append("</summary>\n\n");
        appendBody();
        page.Append("\n</details>\n");
    }

    private static string Location(SourceSpan span) => Cell($"{span.File}:{span.Line}");

    /// <summary>Repository text as inert table-cell content (see <see cref="MarkdownEscaping.Cell"/>).</summary>
    internal static string Cell(string text, int maxLength = int.MaxValue) => MarkdownEscaping.Cell(text, maxLength);

    private static string Plural(int count, string noun, string? plural = null) => count == 1 ? $"1 {noun}" : $"{count} {plural ?? noun + "s"}";
}
