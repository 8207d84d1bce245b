namespace MeshGovernance.Git;

/// <summary>The outcome of one <see cref="GitBlobReader.Read"/>.</summary>
public enum BlobReadStatus
{
    /// <summary>The whole blob was written to the destination.</summary>
    Read,

    /// <summary>The repository has no object with that id; nothing was written.</summary>
    Missing,

    /// <summary>The blob is larger than the limit; nothing was written (never a truncated prefix).</summary>
    TooLarge,
}
