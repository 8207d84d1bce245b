using MeshGovernance.Model.Diagnostics;

namespace MeshGovernance.Reports;

/// <summary>Counts of findings per level, and how many files were examined.</summary>
public sealed record FindingSummary(int Errors, int Warnings, int Notices, int Files)
{
    public static FindingSummary Of(IReadOnlyCollection<Diagnostic> findings, int files) => new(
        findings.Count(f => f.Level == DiagnosticLevel.Error),
        findings.Count(f => f.Level == DiagnosticLevel.Warning),
        findings.Count(f => f.Level == DiagnosticLevel.Notice),
        files);
}
