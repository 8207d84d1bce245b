namespace MeshGovernance.Git;

/// <summary>
/// The files of one commit under some path prefixes, written into a fresh folder so that code reading a working tree
/// from disk can read that revision. Regular files are streamed through one <see cref="GitBlobReader"/>; symbolic links
/// are recreated as symbolic links with their recorded target (so a reader that refuses links leaving its root treats
/// them exactly as in a checkout); submodules and blobs over the size limit are skipped and listed in <see cref="Skipped"/>.
/// No path can be written outside the folder: a tree entry with '..', an absolute or empty component fails the snapshot.
/// Dispose deletes the folder.
/// </summary>
public sealed class RevisionSnapshot : IDisposable
{
    /// <summary>Far above any mesh file; it only stops a stray large blob from filling the disk.</summary>
    public const long DefaultMaxFileBytes = 64L * 1024 * 1024;

    private const int MaxSymlinkTargetBytes = 4096;

    private RevisionSnapshot(string root, string commit, IReadOnlyList<string> files, IReadOnlyList<SkippedEntry> skipped)
    {
        Root = root;
        Commit = commit;
        Files = files;
        Skipped = skipped;
    }

    /// <summary>The folder holding the revision's files.</summary>
    public string Root { get; }

    /// <summary>The full id of the materialized commit.</summary>
    public string Commit { get; }

    /// <summary>The repository-relative paths written (files and symbolic links), in tree order.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>Entries not written: submodules, and blobs over the size limit.</summary>
    public IReadOnlyList<SkippedEntry> Skipped { get; }

    /// <summary>
    /// Writes the files of <paramref name="commit"/> selected by <paramref name="pathPrefixes"/> (see
    /// <see cref="GitRepository.ListFiles"/>) into <paramref name="targetDirectory"/>, which must not exist or be empty
    /// (null: a new folder under the temp folder).
    /// </summary>
    public static RevisionSnapshot Materialize(
        GitRepository repository,
        string commit,
        IReadOnlyList<string> pathPrefixes,
        string? targetDirectory = null,
        long maxFileBytes = DefaultMaxFileBytes)
    {
        var commitId = repository.ResolveCommit(commit);
        return Materialize(repository, commitId, repository.ListFiles(commitId, pathPrefixes), targetDirectory, maxFileBytes);
    }

    /// <summary>
    /// Writes <paramref name="entries"/>, already listed from the commit <paramref name="commitId"/> (a full id), into
    /// <paramref name="targetDirectory"/>, as the other overload does after listing them.
    /// </summary>
    public static RevisionSnapshot Materialize(
        GitRepository repository,
        string commitId,
        IReadOnlyList<TreeEntry> entries,
        string? targetDirectory = null,
        long maxFileBytes = DefaultMaxFileBytes)
    {
        foreach (var entry in entries.Where(e => !RepositoryPath.IsSafeRelative(e.Path)))
        {
            throw new GitException($"Commit {commitId} holds the path '{entry.Path}', which is not a plain relative path; its files were not written.");
        }

        var root = CreateTarget(targetDirectory, commitId);
        try
        {
            var written = new List<string>();
            var skipped = new List<SkippedEntry>();
            using (var reader = new GitBlobReader(repository))
            {
                // Files first, links last: a link created earlier can then never redirect a later write.
                foreach (var entry in entries.Where(e => e.Kind is not TreeEntryKind.Symlink))
                {
                    if (entry.Kind == TreeEntryKind.Submodule)
                    {
                        skipped.Add(new SkippedEntry(entry.Path, SkipReason.Submodule, null));
                    }
                    else if (entry.Size > maxFileBytes || !WriteFile(reader, root, entry, maxFileBytes))
                    {
                        skipped.Add(new SkippedEntry(entry.Path, SkipReason.TooLarge, entry.Size));
                    }
                    else
                    {
                        written.Add(entry.Path);
                    }
                }

                foreach (var entry in entries.Where(e => e.Kind is TreeEntryKind.Symlink))
                {
                    WriteSymlink(reader, root, entry);
                    written.Add(entry.Path);
                }
            }

            return new RevisionSnapshot(root, commitId, written, skipped);
        }
        catch
        {
            DeleteFolder(root);
            throw;
        }
    }

    public void Dispose() => DeleteFolder(Root);

    private static string CreateTarget(string? targetDirectory, string commitId)
    {
        var root = Path.GetFullPath(targetDirectory ?? Path.Combine(Path.GetTempPath(), $"meshgov-rev-{commitId[..12]}-{Guid.NewGuid():N}"));
        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any())
        {
            throw new GitException($"The folder '{root}' is not empty. A snapshot needs an empty folder (disposing it deletes the folder).");
        }

        Directory.CreateDirectory(root);
        return root;
    }

    private static bool WriteFile(GitBlobReader reader, string root, TreeEntry entry, long maxFileBytes)
    {
        var path = RepositoryPath.Below(root, entry.Path);
        BlobReadResult result;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            result = reader.Read(entry.ObjectId, file, maxFileBytes);
        }
        catch (IOException exception)
        {
            throw new GitException($"Could not write '{entry.Path}' of the revision to '{path}': {exception.Message}", exception);
        }

        if (result.Status == BlobReadStatus.Missing)
        {
            throw GitException.MissingObject(entry);
        }

        if (result.Status == BlobReadStatus.TooLarge)
        {
            File.Delete(path);
            return false;
        }

        return true;
    }

    private static void WriteSymlink(GitBlobReader reader, string root, TreeEntry entry)
    {
        var path = RepositoryPath.Below(root, entry.Path);
        using var target = new MemoryStream();
        var result = reader.Read(entry.ObjectId, target, MaxSymlinkTargetBytes);
        if (result.Status == BlobReadStatus.Missing)
        {
            throw GitException.MissingObject(entry);
        }

        var linkTarget = GitOutput.Decode(target.ToArray());
        if (result.Status == BlobReadStatus.TooLarge || linkTarget.Length == 0 || linkTarget.Contains('\0'))
        {
            throw new GitException($"The symbolic link '{entry.Path}' has an invalid target; the revision was not written.");
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.CreateSymbolicLink(path, linkTarget);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new GitException(
                $"Could not create the symbolic link '{entry.Path}' -> '{linkTarget}': {exception.Message} (on Windows, enable Developer Mode to allow symbolic links).",
                exception);
        }
    }

    private static void DeleteFolder(string root)
    {
        try
        {
            // Deletes links themselves, never what they point to.
            Directory.Delete(root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless; disposal must not throw.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
