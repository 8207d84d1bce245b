namespace MeshGovernance.Git;

/// <summary>What a tree entry is, from its git mode.</summary>
public enum TreeEntryKind
{
    /// <summary>A regular file (mode 100644).</summary>
    File,

    /// <summary>An executable file (mode 100755).</summary>
    Executable,

    /// <summary>A symbolic link (mode 120000); its blob holds the link target.</summary>
    Symlink,

    /// <summary>A submodule (mode 160000); its object id is a commit of another repository, not a blob here.</summary>
    Submodule,
}
