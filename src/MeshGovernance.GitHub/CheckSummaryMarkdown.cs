using System.Text;
using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Reports;

namespace MeshGovernance.GitHub;

/// <summary>
/// The Markdown a pull request reads (check run summary, sticky comment, job summary): a status heading, the
/// counts, then tables — blocking findings first, other findings of the change (waived ones marked), and
/// existing debt in its own section — and the policies. Repository text in it is made inert.
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

    private static string Heading(CheckReport report)
    {
        var blocking = report.Diagnostics.Count(d => d.Blocking);
        var total = report.Diagnostics.Count;
        return blocking > 0 ? Plural(blocking, "blocking finding")
            : total > 0 ? $"passed with {Plural(total, "finding")}, none blocking"
            : "passed, no findings";
    }

    /// <param name="blobUrl">The head commit's tree on GitHub (…/blob/SHA/), to link locations; null for plain text.</param>
    /// <param name="notes">Short remarks shown under the counts (annotations left out, stale annotations).</param>
    /// <param name="includePolicies">Add the policies table (the check run carries it in its text instead).</param>
    public static string Render(CheckReport report, string checkName, Uri? blobUrl, IReadOnlyList<string>? notes = null, bool includePolicies = true)
    {
        var blocking = report.Diagnostics.Where(d => d.Blocking).ToList();
        var debt = report.Diagnostics.Where(d => !d.Blocking && d.ExistingDebt).ToList();
        var other = report.Diagnostics.Where(d => !d.Blocking && !d.ExistingDebt).ToList();
        var summary = report.Summary;

        var page = new StringBuilder();
        var name = MarkdownText.Cell(checkName, 100);
        page.Append("## ").Append(blocking.Count > 0 ? "❌ " : other.Any(d => d.Level != DiagnosticLevel.Notice && !d.IsWaived()) ? "⚠️ " : "✅ ")
            .Append(name).Append(": ").Append(Heading(report)).Append("\n\n");
        page.Append($"{Plural(summary.Errors, "error")} · {Plural(summary.Warnings, "warning")} · {Plural(summary.Notices, "notice")}")
            .Append($" — **{summary.Blocking} blocking** · {summary.Waived} waived · {summary.ExistingDebt} existing debt · {Plural(summary.Files, "file")}");
        if (report.Policies.Count > 0)
        {
            var enabled = report.Policies.Count(p => p.Enabled);
            var ran = report.Policies.Count(p => p.Ran);
            page.Append($" · {Plural(ran, "policy", "policies")} evaluated");
            if (enabled > ran)
            {
                page.Append($" ({enabled - ran} could not run)");
            }
        }

        page.Append('\n');
        foreach (var note in notes ?? [])
        {
            page.Append("\n> ").Append(note).Append('\n');
        }

        if (blocking.Count > 0)
        {
            page.Append($"\n### Blocking findings ({blocking.Count})\n\nThese fail the check. Fix them, or (for soft-mandatory policies) ask the governance group for a waiver.\n\n");
            AppendTable(page, blocking, blobUrl);
        }

        if (other.Count > 0)
        {
            page.Append($"\n### Other findings in this change ({other.Count})\n\nThese do not block the pull request.\n\n");
            AppendTable(page, other, blobUrl);
        }

        if (debt.Count > 0)
        {
            page.Append($"\n### Existing debt ({debt.Count})\n\nFindings on parts of the mesh this pull request does not touch. They were there before and do not block it.\n\n");
            AppendTable(page, debt, blobUrl);
        }

        if (includePolicies && report.Policies.Count > 0)
        {
            page.Append("\n<details>\n<summary>Policies (").Append(report.Policies.Count).Append(")</summary>\n\n");
            page.Append(Policies(report));
            page.Append("\n</details>\n");
        }

        return page.ToString();
    }

    /// <summary>The policies and what each did, as a table (empty when the report has none).</summary>
    public static string Policies(CheckReport report)
    {
        var page = new StringBuilder();
        if (report.Policies.Count == 0)
        {
            return string.Empty;
        }

        page.Append("| Policy | Enforcement | Result |\n|---|---|---|\n");
        foreach (var policy in report.Policies)
        {
            var id = policy.Metadata.Id;
            var findings = report.Diagnostics.Where(d => d.Policy?.PolicyId == id && d.Id == id).ToList();
            var result = !policy.Enabled ? "disabled"
                : !policy.Ran ? "⚠️ did not run"
                : findings.Any(d => d.Blocking) ? $"❌ {Plural(findings.Count(d => d.Blocking), "blocking finding")}"
                : "✅ passed";
            var notes = new List<string>();
            if (findings.Count(d => d.IsWaived()) is > 0 and var waived)
            {
                notes.Add($"{waived} waived");
            }

            if (findings.Count(d => !d.Blocking && !d.IsWaived()) is > 0 and var nonBlocking)
            {
                notes.Add(Plural(nonBlocking, "non-blocking finding"));
            }

            page.Append("| ").Append(MarkdownText.Cell(id, 100)).Append(" | ").Append(policy.Metadata.Enforcement.ToName()).Append(" | ")
                .Append(result).Append(notes.Count > 0 ? $" ({string.Join(", ", notes)})" : string.Empty).Append(" |\n");
        }

        return page.ToString();
    }

    private static void AppendTable(StringBuilder page, IReadOnlyList<Diagnostic> findings, Uri? blobUrl)
    {
        page.Append("| Level | Rule | Subject | Location | Message |\n|---|---|---|---|---|\n");
        foreach (var finding in findings)
        {
            page.Append("| ").Append(Level(finding))
                .Append(" | ").Append(MarkdownText.Cell(finding.Id, 100))
                .Append(" | ").Append(MarkdownText.Cell(finding.Subject ?? string.Empty, 200))
                .Append(" | ").Append(Location(finding.Span, blobUrl))
                .Append(" | ").Append(MarkdownText.Cell(finding.Message, 1000));
            if (finding.Policy?.Waiver is { } waiver)
            {
                page.Append("<br>**Waived** until ").Append(MarkdownText.Cell(waiver.Expires, 40))
                    .Append(", approved by ").Append(MarkdownText.Cell(waiver.ApprovedBy, 100))
                    .Append(": ").Append(MarkdownText.Cell(waiver.Justification, 500));
            }

            page.Append(" |\n");
        }
    }

    private static string Level(Diagnostic finding)
    {
        var level = finding.Level switch
        {
            DiagnosticLevel.Error => "error",
            DiagnosticLevel.Warning => "warning",
            _ => "notice",
        };
        return finding.IsWaived() ? level + " · waived" : level;
    }

    private static string Location(SourceSpan span, Uri? blobUrl)
    {
        if (string.IsNullOrWhiteSpace(span.File))
        {
            return string.Empty;
        }

        var line = Math.Max(1, span.Line);
        var text = MarkdownText.Cell($"{span.File}:{line}", 300);
        if (blobUrl is null || span.File.Split('/').Any(segment => segment is ".." or "."))
        {
            return text;
        }

        return $"[{text}]({blobUrl.AbsoluteUri}{MarkdownText.UrlPath(span.File)}#L{line})";
    }

    private static bool IsWaived(this Diagnostic finding) => finding.Policy?.Waived == true;

    private static string Plural(int count, string noun, string? plural = null) => count == 1 ? $"1 {noun}" : $"{count} {plural ?? noun + "s"}";
}
