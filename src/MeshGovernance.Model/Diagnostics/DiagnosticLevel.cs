namespace MeshGovernance.Model.Diagnostics;

/// <summary>How serious a finding is. The names match what SARIF, GitHub annotations and our JSON use.</summary>
public enum DiagnosticLevel
{
    Notice,
    Warning,
    Error,
}
