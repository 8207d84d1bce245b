namespace MeshGovernance.Model.Diagnostics;

/// <summary>
/// One finding: a YAML syntax error, a schema violation, a dangling reference or a policy result.
/// Every output (text, JSON, SARIF, checks, the site) renders this one record.
/// </summary>
/// <param name="Id">Stable identifier: <c>MG1001</c> for the engine's own diagnostics (see <see cref="DiagnosticCatalog"/>), the policy id for a policy finding.</param>
/// <param name="Subject">The id of the product, contract, domain or team the finding concerns, when there is one.</param>
/// <param name="Policy">Set on policy findings: the policy, its enforcement and the waiver covering the finding.</param>
public sealed record Diagnostic(
    string Id,
    DiagnosticLevel Level,
    string Message,
    SourceSpan Span,
    string? Subject = null,
    PolicyAttribution? Policy = null)
{
    public string File => Span.File;

    public int Line => Span.Line;

    public int Column => Span.Column;

    /// <summary>
    /// Set in a pull request on a finding about a subject the change does not touch: it is reported as
    /// existing debt and does not fail the check (unless its policy always blocks, in which case it is not set).
    /// </summary>
    public bool ExistingDebt { get; init; }

    /// <summary>
    /// Set on a policy finding that governance/baseline.yaml records: debt the repository had when it adopted
    /// meshgov. A baselined finding is existing debt too (<see cref="ExistingDebt"/> is set with it), on main as
    /// in pull requests.
    /// </summary>
    public bool Baselined { get; init; }

    /// <summary>An error no waiver covers, on something the change touches: it fails the check.</summary>
    public bool Blocking => Level == DiagnosticLevel.Error && Policy?.Waived != true && !ExistingDebt;
}
