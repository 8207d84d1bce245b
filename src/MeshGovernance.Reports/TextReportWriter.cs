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
            output.WriteLine($"{finding.File}({finding.Line},{finding.Column}): {finding.Level.Name()} {finding.Id}: {finding.Message}");
        }

        var summary = FindingSummary.Of(findings, files);
        if (findings.Count > 0)
        {
            output.WriteLine();
        }

        output.WriteLine(
            $"{Plural(summary.Errors, "error")}, {Plural(summary.Warnings, "warning")}, {Plural(summary.Notices, "notice")} in {Plural(summary.Files, "file")}.");
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
