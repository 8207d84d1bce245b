namespace MeshGovernance.Model.Diagnostics;

/// <summary>
/// One finding: a YAML syntax error, a schema violation, a dangling reference or a policy result.
/// Every output (text, JSON, SARIF, checks, the site) renders this one record.
/// </summary>
/// <param name="Id">Stable identifier such as <c>MG1001</c>; see <see cref="DiagnosticCatalog"/>.</param>
/// <param name="Subject">The id of the product, contract, domain or team the finding concerns, when there is one.</param>
public sealed record Diagnostic(
    string Id,
    DiagnosticLevel Level,
    string Message,
    SourceSpan Span,
    string? Subject = null)
{
    public string File => Span.File;

    public int Line => Span.Line;

    public int Column => Span.Column;
}
