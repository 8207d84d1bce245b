namespace MeshGovernance.Git;

/// <summary>The outcome of one blob read, and the blob's size in bytes (0 when missing).</summary>
public readonly record struct BlobReadResult(BlobReadStatus Status, long Size);
