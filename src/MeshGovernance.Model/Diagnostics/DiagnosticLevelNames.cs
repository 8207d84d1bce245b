namespace MeshGovernance.Model.Diagnostics;

public static class DiagnosticLevelNames
{
    /// <summary>The lower-case name used in every output of ours: error, warning, notice (SARIF and GitHub have their own words).</summary>
    public static string Name(this DiagnosticLevel level) => level switch
    {
        DiagnosticLevel.Error => "error",
        DiagnosticLevel.Warning => "warning",
        _ => "notice",
    };
}
