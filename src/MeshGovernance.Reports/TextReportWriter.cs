using MeshGovernance.Model.Diagnostics;
using static MeshGovernance.Model.Text.Wording;

namespace MeshGovernance.Reports;

/// <summary>
/// Compiler-style lines, <c>path(line,col): error MG1234: message</c>, which editors and CI logs
/// turn into links, followed by a one-line summary.
/// </summary>
public static class TextReportWriter
{
    public static void Write(TextWriter output, CheckReport report)
    {
        foreach (var finding in report.Diagnostics)
        {
            output.WriteLine($"{OneLine(finding.File)}({finding.Line},{finding.Column}): {finding.Level.Name()} {finding.Id}: {OneLine(finding.Message)}{Waiver(finding)}{Debt(finding)}");
        }

        var summary = report.Summary;
        if (report.Diagnostics.Count > 0)
        {
            output.WriteLine();
        }

        output.WriteLine(
            $"{Plural(summary.Errors, "error")}, {Plural(summary.Warnings, "warning")}, {Plural(summary.Notices, "notice")} in {Plural(summary.Files, "file")}.");
        if (report.Policies.Count > 0)
        {
            output.WriteLine(
                $"{PolicyCounts.Sentence(report.Policies, report.Diagnostics)}; {summary.Waived} waived; {(summary.Baselined > 0 ? $"{summary.Baselined} baselined; " : string.Empty)}{Plural(summary.Blocking, "blocking finding")}.");
        }

        if (report.Change is { } change)
        {
            output.WriteLine(
                $"Pull request{(change.Author is null ? string.Empty : " by " + OneLine(change.Author))}: {Plural(change.ChangedFiles, "changed file")}, {Short(change.BaseCommit)}..{Short(change.HeadCommit)}, judged with the policies of the {(change.PoliciesFromHead ? "HEAD (--policies-from head)" : "base")}; {summary.ExistingDebt} existing debt (not blocking).");
        }
    }

    private static string Debt(Diagnostic finding) =>
        finding.Baselined ? " [baselined: recorded in governance/baseline.yaml]"
        : finding.ExistingDebt ? " [existing debt: not touched by this change]"
        : string.Empty;

    private static string Waiver(Diagnostic finding) => finding.Policy?.Waiver is { } waiver
        ? $" [waived until {OneLine(waiver.Expires)}, approved by {OneLine(waiver.ApprovedBy)}: {OneLine(waiver.Justification)}]"
        : string.Empty;

    /// <summary>
    /// Escapes control characters: messages quote file names, keys and values from the repository, and a
    /// newline in one must not start a line of its own (a forged finding, or a workflow command in CI logs).
    /// Bidirectional controls and line separators are shown too (<see cref="InvisibleCharacters"/>).
    /// </summary>
    public static string OneLine(string text) =>
        text.Any(c => char.IsControl(c) || InvisibleCharacters.IsInvisible(c))
            ? string.Concat(text.Select(c => c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ when InvisibleCharacters.IsInvisible(c) => InvisibleCharacters.Shown(c),
                _ => c.ToString(),
            }))
            : text;

    private static string Short(string commit) => commit.Length > 12 ? commit[..12] : commit;
}
