using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Policies.Engine;

namespace MeshGovernance.Reports;

/// <summary>What every report format renders: the diagnostics of a check (or a validation), what each policy did, and how many files were read.</summary>
public sealed record CheckReport(IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<PolicyOutcome> Policies, int Files)
{
    public static CheckReport From(CheckResult result, int files) => new(result.Diagnostics, result.Policies, files);

    public FindingSummary Summary => FindingSummary.Of(Diagnostics, Files);

    /// <summary>True when a finding fails the check (an error no waiver covers).</summary>
    public bool Blocking => Diagnostics.Any(d => d.Blocking);
}
