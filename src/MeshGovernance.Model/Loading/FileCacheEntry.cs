using MeshGovernance.Model.Diagnostics;

namespace MeshGovernance.Model.Loading;

/// <summary>One file's cached results: its compact tree (empty when not kept) and its schema findings (null when not validated).</summary>
internal sealed record FileCacheEntry(ReadOnlyMemory<byte> Tree, IReadOnlyList<Diagnostic>? SchemaDiagnostics)
{
    /// <summary>
    /// Known once the file was read in a format meshgov reads: the subject its findings carry (its id, or the mesh's
    /// name; null when it has none). With the tree and the schema findings, all a file's loading needs without its tree.
    /// </summary>
    public FileSubject? Subject { get; init; }

    /// <summary>
    /// The tree's checksum (<see cref="Checksum"/>): a tree left in the pack unread (<see cref="LoadedFile.TreeDeferred"/>)
    /// is handed to the policy worker as it is, so damage to it must be seen before, not when the worker reads it.
    /// </summary>
    public ulong TreeChecksum { get; init; }

    public static ulong Checksum(ReadOnlySpan<byte> tree) => System.IO.Hashing.XxHash3.HashToUInt64(tree);
}

/// <summary>The subject of a file meshgov reads (<see cref="FileCacheEntry.Subject"/>).</summary>
internal sealed record FileSubject(string? Id);
