using MeshGovernance.Git;
using MeshGovernance.Model.Loading;
using MeshGovernance.Contracts;

namespace MeshGovernance.Review;

/// <summary>
/// The meshes a pull request is judged with, read through git: the head (the working tree, or a materialised
/// revision), the merge base (what the change is compared with), and the base revision whose policies, waivers
/// and policy settings are trusted. Revisions are read from git's object store (<see cref="RevisionMeshLoader"/>);
/// disposing deletes what had to be written out (policy scripts, or a revision with links).
/// </summary>
public sealed class PullRequestRevisions : IDisposable
{
    private readonly List<RevisionSnapshot> _snapshots = [];

    private PullRequestRevisions()
    {
    }

    public required string BaseCommit { get; init; }

    public required string HeadCommit { get; init; }

    public required string MergeBaseCommit { get; init; }

    /// <summary>True when the head is the working tree (uncommitted and untracked files included).</summary>
    public required bool HeadIsWorkingTree { get; init; }

    /// <summary>Where the mesh sits in its git repository (<c>meshes/sales/</c>), or empty at the top level.</summary>
    public required string MeshFolder { get; init; }

    public MeshLoadResult Head { get; private set; } = null!;

    public MeshLoadResult MergeBase { get; private set; } = null!;

    public MeshLoadResult Trusted { get; private set; } = null!;

    /// <summary>The changed files under the mesh root, with paths relative to it.</summary>
    public IReadOnlyList<ChangedFile> Files { get; private set; } = [];

    /// <summary>Resolves the revisions and loads the three meshes. Throws <see cref="GitException"/> with a message for the user.</summary>
    public static PullRequestRevisions Load(string meshRoot, string baseRevision, string? headRevision, bool allowFetch, FileCache? cache)
    {
        var repository = GitRepository.Open(meshRoot);
        var prefix = MeshPrefix(repository.Root, meshRoot);
        var range = repository.EnsureHistory(baseRevision, headRevision, allowFetch);
        var baseCommit = range.BaseCommit;
        var headCommit = range.HeadCommit;
        var mergeBase = range.MergeBase;
        var currentCommit = headRevision is null ? headCommit : repository.HeadCommit();

        var scope = MeshLayout.All.Select(p => prefix + p).ToList();
        var headIsWorkingTree = headRevision is null || (headCommit == currentCommit && repository.IsWorkingTreeClean(scope));
        var revisions = new PullRequestRevisions
        {
            BaseCommit = baseCommit,
            HeadCommit = headCommit,
            MergeBaseCommit = mergeBase,
            HeadIsWorkingTree = headIsWorkingTree,
            MeshFolder = prefix,
        };
        try
        {
            // The head's files carry their git blob ids, so the revisions' unchanged files are taken from it unread.
            revisions.Head = headIsWorkingTree
                ? MeshLoader.Load(meshRoot, cache: cache, withBlobIds: true)
                : RevisionMeshLoader.Load(repository, headCommit, prefix, cache, [], revisions._snapshots);
            revisions.MergeBase = RevisionMeshLoader.Load(repository, mergeBase, prefix, cache, [revisions.Head], revisions._snapshots);
            revisions.Trusted = baseCommit == mergeBase
                ? revisions.MergeBase
                : RevisionMeshLoader.Load(repository, baseCommit, prefix, cache, [revisions.MergeBase, revisions.Head], revisions._snapshots);
            revisions.Files = repository.ChangedFiles(mergeBase, headIsWorkingTree && headRevision is null ? null : headCommit)
                .Select(change => ToMeshRoot(change, prefix))
                .OfType<ChangedFile>()
                .ToList();
            return revisions;
        }
        catch
        {
            revisions.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var snapshot in _snapshots)
        {
            snapshot.Dispose();
        }

        _snapshots.Clear();
    }

    /// <summary>The mesh root's path inside the git repository, with a trailing '/', or empty when they are the same.</summary>
    public static string MeshPrefix(string gitRoot, string meshRoot)
    {
        var relative = Path.GetRelativePath(RealPaths.Resolve(gitRoot) ?? gitRoot, RealPaths.Resolve(meshRoot) ?? meshRoot).Replace('\\', '/');
        return relative == "." ? string.Empty : relative.TrimEnd('/') + "/";
    }

    private static ChangedFile? ToMeshRoot(FileChange change, string prefix)
    {
        string? Strip(string? path) => path is not null && path.StartsWith(prefix, StringComparison.Ordinal) ? path[prefix.Length..] : null;
        var path = Strip(change.Path);
        var oldPath = Strip(change.OldPath);
        return change.Kind switch
        {
            ChangeKind.Renamed when path is not null && oldPath is not null => new ChangedFile(FileChangeKind.Renamed, path, oldPath),
            ChangeKind.Renamed when path is not null => new ChangedFile(FileChangeKind.Added, path),
            ChangeKind.Renamed when oldPath is not null => new ChangedFile(FileChangeKind.Deleted, oldPath),
            ChangeKind.Added when path is not null => new ChangedFile(FileChangeKind.Added, path),
            ChangeKind.Deleted when path is not null => new ChangedFile(FileChangeKind.Deleted, path),
            ChangeKind.Modified or ChangeKind.TypeChanged when path is not null => new ChangedFile(FileChangeKind.Modified, path),
            _ => null,
        };
    }
}
