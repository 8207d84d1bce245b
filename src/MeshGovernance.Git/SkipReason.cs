namespace MeshGovernance.Git;

/// <summary>Why a tree entry was not written into a <see cref="RevisionSnapshot"/>.</summary>
public enum SkipReason
{
    /// <summary>A submodule: its content lives in another repository.</summary>
    Submodule,

    /// <summary>A blob over the snapshot's size limit.</summary>
    TooLarge,
}
