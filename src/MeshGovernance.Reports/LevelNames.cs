using MeshGovernance.Model.Diagnostics;

namespace MeshGovernance.Reports;

internal static class LevelNames
{
    /// <summary>The lower-case name used in every output: error, warning, notice.</summary>
    public static string Name(this DiagnosticLevel level) => level switch
    {
        DiagnosticLevel.Error => "error",
        DiagnosticLevel.Warning => "warning",
        _ => "notice",
    };
}
