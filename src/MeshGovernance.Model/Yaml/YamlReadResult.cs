using MeshGovernance.Model.Diagnostics;

namespace MeshGovernance.Model.Yaml;

/// <summary>The outcome of reading one file: its top-level mapping when it could be read, and what went wrong.</summary>
public sealed record YamlReadResult(SourceMapping? Root, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>The tree in the file cache's compact form, when the cache read or wrote it (handed to the policy worker as is).</summary>
    internal ReadOnlyMemory<byte> CompactTree { get; init; }
}
