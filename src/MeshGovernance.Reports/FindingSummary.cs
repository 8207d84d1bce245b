using MeshGovernance.Model.Diagnostics;

namespace MeshGovernance.Reports;

/// <summary>
/// Counts of findings per level, how many fail the check, how many are waived, how many are existing debt
/// (on subjects a pull request does not touch, or recorded in governance/baseline.yaml), how many of those the
/// baseline records, and how many files were examined.
/// </summary>
public sealed record FindingSummary(int Errors, int Warnings, int Notices, int Files, int Blocking = 0, int Waived = 0, int ExistingDebt = 0, int Baselined = 0)
{
    public static FindingSummary Of(IReadOnlyCollection<Diagnostic> findings, int files) => new(
        findings.Count(f => f.Level == DiagnosticLevel.Error),
        findings.Count(f => f.Level == DiagnosticLevel.Warning),
        findings.Count(f => f.Level == DiagnosticLevel.Notice),
        files,
        findings.Count(f => f.Blocking),
        findings.Count(f => f.Policy?.Waived == true),
        findings.Count(f => f.ExistingDebt),
        findings.Count(f => f.Baselined));
}
