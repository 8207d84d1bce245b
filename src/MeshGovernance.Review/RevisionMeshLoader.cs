using MeshGovernance.Git;
using MeshGovernance.Model.Loading;
using MeshGovernance.Model.Schemas;
using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Review;

/// <summary>
/// Loads the mesh of a git revision from git's object store, without writing it out. A file whose blob is the same
/// as a file already loaded at the same path (the working tree's, or another revision's) is that file, taken as it
/// is: neither read nor parsed nor validated again. The other blobs are read through one <c>git cat-file --batch</c>
/// and then parsed and validated in parallel, through the file cache. Written to a temporary folder (a
/// <see cref="RevisionSnapshot"/>) are only the revision's policy scripts (the compiler reads them from disk) and a
/// whole revision with symbolic links in the mesh, so links are judged exactly as in a checkout.
/// </summary>
internal static class RevisionMeshLoader
{
    /// <param name="commit">A full commit id.</param>
    /// <param name="prefix">The mesh root's folder in the git repository, with a trailing '/', or empty.</param>
    /// <param name="known">Meshes already loaded whose files carry their git blob ids.</param>
    /// <param name="snapshots">Receives the folders written out (the policies, or a whole revision with links), to delete later.</param>
    public static MeshLoadResult Load(
        GitRepository repository,
        string commit,
        string prefix,
        FileCache? cache,
        IReadOnlyList<MeshLoadResult> known,
        ICollection<RevisionSnapshot> snapshots)
    {
        var scope = MeshLayout.All.Select(p => prefix + p).ToList();
        var entries = repository.ListFiles(commit, scope);
        foreach (var entry in entries.Where(e => !e.HasPlainPath))
        {
            throw new GitException($"Commit {commit} holds the path '{entry.Path}', which is not a plain relative path; its files were not read.");
        }

        if (entries.Any(e => e.Kind == TreeEntryKind.Symlink))
        {
            var snapshot = RevisionSnapshot.Materialize(repository, commit, entries);
            snapshots.Add(snapshot);
            var root = prefix.Length == 0 ? snapshot.Root : Path.Combine(snapshot.Root, prefix.TrimEnd('/'));
            return MeshLoader.Load(root, cache: cache);
        }

        // Submodules are not part of a revision's files, as in a snapshot.
        var files = new Dictionary<string, TreeEntry>(StringComparer.Ordinal);
        foreach (var entry in entries.Where(e => e.Kind != TreeEntryKind.Submodule))
        {
            if (!files.TryAdd(entry.Path[prefix.Length..], entry))
            {
                throw new GitException($"Commit {commit} lists the path '{entry.Path}' twice (a malformed tree); its files were not read.");
            }
        }

        string? policiesRoot = null;
        var policyFiles = entries.Where(e => e.Path.StartsWith(prefix + MeshLayout.Governance + "policies/", StringComparison.Ordinal)).ToList();
        if (policyFiles.Count > 0)
        {
            var policies = RevisionSnapshot.Materialize(repository, commit, policyFiles);
            snapshots.Add(policies);
            policiesRoot = prefix.Length == 0 ? policies.Root : Path.Combine(policies.Root, prefix.TrimEnd('/'));
        }

        var layout = RepositoryScanner.Scan(new GitRevisionSource(files.Keys, commit + ":" + prefix, policiesRoot));
        var loadedBefore = new Dictionary<(string, string, DocumentKind), LoadedFile>();
        foreach (var file in known.SelectMany(k => k.Files).Where(f => f.GitBlobId is not null))
        {
            loadedBefore.TryAdd((file.File.RelativePath, file.GitBlobId!, file.File.Kind), file);
        }

        var limits = YamlLimits.Default;
        var reused = new Dictionary<string, LoadedFile>(StringComparer.Ordinal);
        var contents = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        GitBlobReader? reader = null;
        try
        {
            foreach (var file in layout.Files.Where(f => files.ContainsKey(f.RelativePath)))
            {
                var entry = files[file.RelativePath];
                if (loadedBefore.TryGetValue((file.RelativePath, entry.ObjectId, file.Kind), out var same))
                {
                    reused[file.RelativePath] = same with { File = file, GitBlobId = entry.ObjectId };
                }
                else if (entry.Size is { } size && size > 0 && size <= limits.MaxFileBytes)
                {
                    reader ??= new GitBlobReader(repository);
                    contents[file.RelativePath] = Read(reader, entry, size);
                }
                else if (entry.Size is null)
                {
                    throw GitException.MissingObject(entry);
                }
            }
        }
        finally
        {
            reader?.Dispose();
        }

        return MeshLoader.Load(layout, file =>
        {
            if (reused.TryGetValue(file.RelativePath, out var same))
            {
                return same;
            }

            var entry = files[file.RelativePath];
            var loaded = contents.TryGetValue(file.RelativePath, out var bytes) ? MeshFileReader.Parse(file, bytes, limits, cache)
                : entry.Size == 0 ? MeshFileReader.Empty(file)
                : MeshFileReader.TooLarge(file, entry.Size!.Value, limits);
            return loaded with { GitBlobId = entry.ObjectId };
        }, cache);
    }

    private static byte[] Read(GitBlobReader reader, TreeEntry entry, long size)
    {
        using var content = new MemoryStream((int)size);
        var result = reader.Read(entry.ObjectId, content, size);
        if (result.Status == BlobReadStatus.Missing)
        {
            throw GitException.MissingObject(entry);
        }

        // The listing gave the size: a blob that reads otherwise is not what was listed.
        return result.Status == BlobReadStatus.Read && content.Length == size
            ? content.GetBuffer()
            : throw new GitException($"The object {entry.ObjectId} of '{entry.Path}' did not read back at its listed size of {size:N0} bytes.");
    }
}
