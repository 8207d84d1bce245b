using MeshGovernance.Model.Diagnostics;

namespace MeshGovernance.Model.Yaml;

/// <summary>The outcome of reading one file: its top-level mapping when it could be read, and what went wrong.</summary>
public sealed record YamlReadResult(SourceMapping? Root, IReadOnlyList<Diagnostic> Diagnostics);
