namespace MeshGovernance.Model.Diagnostics;

public static class DiagnosticOrder
{
    /// <summary>The order every report lists diagnostics in: by file, line, column, id, then message.</summary>
    public static List<Diagnostic> InReportOrder(this IEnumerable<Diagnostic> diagnostics) => diagnostics
        .OrderBy(d => d.File, StringComparer.Ordinal)
        .ThenBy(d => d.Line)
        .ThenBy(d => d.Column)
        .ThenBy(d => d.Id, StringComparer.Ordinal)
        .ThenBy(d => d.Message, StringComparer.Ordinal)
        .ToList();
}
