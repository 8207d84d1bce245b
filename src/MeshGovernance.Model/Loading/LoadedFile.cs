using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Model.Loading;

/// <summary>One mesh file after reading, parsing and schema validation.</summary>
/// <param name="Root">The top-level mapping, or null when the file could not be read or parsed, or is in a format meshgov does not read (MG1016).</param>
public sealed record LoadedFile(MeshFile File, SourceMapping? Root, IReadOnlyList<Diagnostic> Diagnostics)
{
    private readonly SourceMapping? _root = Root;

    /// <summary>The top-level mapping; for a file whose tree was left in the file cache, read from there on first use.</summary>
    public SourceMapping? Root
    {
        get => _root ?? Deferred?.Root;
        init
        {
            _root = value;
            Deferred = null;
        }
    }

    /// <summary>Whether the file has a tree (<see cref="Root"/> is not null), known without reading a tree left in the cache.</summary>
    public bool HasTree => _root is not null || Deferred is { HasRoot: true };

    /// <summary>Whether <see cref="Root"/> is still in the file cache's compact form, not read yet.</summary>
    public bool TreeDeferred => Deferred is { Read: false };

    /// <summary>
    /// <see cref="Root"/> in the file cache's compact form, when the cache read or wrote it: the policy worker is
    /// handed these bytes instead of a second serialization of the tree.
    /// </summary>
    internal ReadOnlyMemory<byte> CompactTree { get; init; }

    /// <summary>The git blob id of the content read, when asked for (<see cref="GitBlobId"/>), or known from a git tree.</summary>
    public string? GitBlobId { get; init; }

    private DeferredTree? Deferred { get; init; }

    /// <summary>A file whose tree stays in the file cache until something asks for <see cref="Root"/>.</summary>
    internal static LoadedFile WithDeferredTree(MeshFile file, DeferredTree tree, IReadOnlyList<Diagnostic> diagnostics) =>
        new(file, null, diagnostics) { Deferred = tree, CompactTree = tree.Bytes };
}
