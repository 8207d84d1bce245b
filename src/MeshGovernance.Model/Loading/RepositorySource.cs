using MeshGovernance.Model.Diagnostics;

namespace MeshGovernance.Model.Loading;

/// <summary>
/// Where <see cref="RepositoryScanner"/> finds a repository's folders and files: the disk (<see cref="DiskRepositorySource"/>),
/// or a git revision's tree listing, read without writing it out. The scanner decides what each entry is; a source
/// only lists folders and says where an entry may be read from.
/// </summary>
public abstract class RepositorySource
{
    /// <summary>The repository's root as shown in the layout: a real folder, or a name for a revision.</summary>
    public abstract string Root { get; }

    /// <summary>
    /// The entries of a folder (<paramref name="relativeFolder"/> is '/'-separated, empty for the root), sorted by
    /// ordinal name; empty when the folder does not exist. A folder that cannot be listed is reported in
    /// <paramref name="diagnostics"/>.
    /// </summary>
    public abstract IReadOnlyList<SourceEntry> List(string relativeFolder, ICollection<Diagnostic> diagnostics);

    /// <summary>
    /// Where an entry is read from, or null when it must not be read (a link leaving the repository, a link to a folder,
    /// a broken or looping link), each refusal reported in <paramref name="diagnostics"/>.
    /// </summary>
    public abstract AdmittedEntry? Admit(SourceEntry entry, ICollection<Diagnostic> diagnostics);
}

/// <summary>One entry of a folder.</summary>
/// <param name="RelativePath">'/'-separated, relative to the repository root.</param>
/// <param name="IsLink">A symbolic link: its source resolves it in <see cref="RepositorySource.Admit"/>.</param>
public sealed record SourceEntry(string Name, string RelativePath, bool IsDirectory, bool IsLink);

/// <summary>An entry the scanner may read: its path as the repository names it (a link's target) and where to read it.</summary>
/// <param name="RelativePath">'/'-separated; for a link, the path of what it points to.</param>
/// <param name="FullPath">What a reader opens: a real path on disk, or <c>commit:path</c> for a file of a git revision.</param>
public sealed record AdmittedEntry(string RelativePath, string FullPath);
