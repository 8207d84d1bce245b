using MeshGovernance.Model.Diagnostics;

namespace MeshGovernance.Reports;

/// <summary>
/// Compiler-style lines, <c>path(line,col): error MG1234: message</c>, which editors and CI logs
/// turn into links, followed by a one-line summary.
/// </summary>
public static class TextReportWriter
{
    public static void Write(TextWriter output, IReadOnlyCollection<Diagnostic> findings, int files)
    {
        foreach (var finding in findings)
        {
            output.WriteLine($"{OneLine(finding.File)}({finding.Line},{finding.Column}): {finding.Level.Name()} {finding.Id}: {OneLine(finding.Message)}");
        }

        var summary = FindingSummary.Of(findings, files);
        if (findings.Count > 0)
        {
            output.WriteLine();
        }

        output.WriteLine(
            $"{Plural(summary.Errors, "error")}, {Plural(summary.Warnings, "warning")}, {Plural(summary.Notices, "notice")} in {Plural(summary.Files, "file")}.");
    }

    /// <summary>
    /// Escapes control characters: messages quote file names, keys and values from the repository, and a
    /// newline in one must not start a line of its own (a forged finding, or a workflow command in CI logs).
    /// </summary>
    internal static string OneLine(string text) =>
        text.Any(char.IsControl)
            ? string.Concat(text.Select(c => c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            }))
            : text;

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
