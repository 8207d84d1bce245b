namespace MeshGovernance.Model.Diagnostics;

/// <summary>The fixed description of one diagnostic id: what it means and what to do about it.</summary>
public sealed record DiagnosticDescriptor(string Id, DiagnosticLevel DefaultLevel, string Title, string Help)
{
    public Diagnostic Create(SourceSpan span, string message, string? subject = null) =>
        new(Id, DefaultLevel, message, span, subject);
}
