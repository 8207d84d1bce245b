using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Graph;

namespace MeshGovernance.Model.Loading;

/// <summary>The mesh graph built from a repository, and every diagnostic found on the way.</summary>
/// <param name="ConfigurationError">
/// True when mesh.yaml is missing or cannot be read: the repository cannot be governed as configured,
/// which the CLI reports with exit code 2.
/// </param>
public sealed record MeshLoadResult(Mesh Mesh, IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<LoadedFile> Files, bool ConfigurationError)
{
    /// <summary>What the scanner found on disk (the policy scripts among it); null when built from files read elsewhere.</summary>
    public RepositoryLayout? Layout { get; init; }

    public bool HasErrors => Diagnostics.Any(d => d.Level == DiagnosticLevel.Error);
}
