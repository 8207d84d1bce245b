using MeshGovernance.Model.Diagnostics;

namespace MeshGovernance.Model.Loading;

/// <summary>One file's cached results: its compact tree (empty when not kept) and its schema findings (null when not validated).</summary>
internal sealed record FileCacheEntry(ReadOnlyMemory<byte> Tree, IReadOnlyList<Diagnostic>? SchemaDiagnostics);
