using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Results;

namespace MeshGovernance.Reports;

/// <summary>What every report format renders: the diagnostics of a check (or a validation), what each policy did, and how many files were read.</summary>
public sealed record CheckReport(IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<PolicyOutcome> Policies, int Files)
{
    public static CheckReport From(CheckResult result, int files) => new(result.Diagnostics, result.Policies, files);

    /// <summary>Set when the check judged a pull request: what was compared, and with which policies.</summary>
    public ChangeSummary? Change { get; init; }

    public FindingSummary Summary => FindingSummary.Of(Diagnostics, Files);

    /// <summary>True when a finding fails the check (an error no waiver covers).</summary>
    public bool Blocking => Diagnostics.Any(d => d.Blocking);

    /// <summary>
    /// The same report with every path taken from the repository's root rather than the mesh's: for a mesh in
    /// the sub-folder <paramref name="folder"/> (<c>meshes/sales</c>) of the git repository, which is what
    /// GitHub annotations, blob links and code scanning resolve paths against.
    /// </summary>
    public CheckReport InRepositoryFolder(string folder)
    {
        var prefix = folder.Replace('\\', '/').Trim('/');
        if (prefix.Length == 0 || prefix == ".")
        {
            return this;
        }

        SourceSpan Moved(SourceSpan span) => span.File.Length == 0 ? span : span with { File = $"{prefix}/{span.File}" };
        var moved = Diagnostics.Select(d => d with
        {
            Span = Moved(d.Span),
            Policy = d.Policy is { Waiver: { } waiver } policy ? policy with { Waiver = waiver with { Span = Moved(waiver.Span) } } : d.Policy,
        }).ToList();
        return this with { Diagnostics = moved };
    }
}
