using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Model.Loading;

/// <summary>One mesh file after reading, parsing and schema validation.</summary>
/// <param name="Root">The top-level mapping, or null when the file could not be read or parsed, or is in a format meshgov does not read (MG1016).</param>
public sealed record LoadedFile(MeshFile File, SourceMapping? Root, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>
    /// <see cref="Root"/> in the file cache's compact form, when the cache read or wrote it: the policy worker is
    /// handed these bytes instead of a second serialization of the tree.
    /// </summary>
    internal ReadOnlyMemory<byte> CompactTree { get; init; }

    /// <summary>The git blob id of the content read, when asked for (<see cref="GitBlobId"/>), or known from a git tree.</summary>
    public string? GitBlobId { get; init; }
}
