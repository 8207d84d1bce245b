using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Loading;

namespace MeshGovernance.Review;

/// <summary>
/// A mesh at a git revision, seen through its tree listing: folders are made from the listed paths, and each file is
/// named <c>commit:path</c> (git's own notation) for a reader that fetches its blob. The policy scripts are the
/// exception: the policy compiler reads them (and what they <c>#load</c>) from disk, so they come from a folder
/// where that part of the revision was written out. Holds no links (a revision with links is written out whole).
/// </summary>
internal sealed class GitRevisionSource : RepositorySource
{
    private const string PoliciesFolder = MeshLayout.Governance + "policies";
    private readonly Dictionary<string, List<SourceEntry>> _folders = new(StringComparer.Ordinal);
    private readonly string _blobPrefix;
    private readonly string? _policiesRoot;

    /// <param name="files">The revision's files, paths relative to the mesh root; none may be a link or a submodule.</param>
    /// <param name="blobPrefix">What names a file's blob before its mesh-relative path: <c>commit:meshFolder/</c>.</param>
    /// <param name="policiesRoot">The mesh root of the folder the revision's policies were written to, or null when it has none.</param>
    public GitRevisionSource(IEnumerable<string> files, string blobPrefix, string? policiesRoot)
    {
        _blobPrefix = blobPrefix;
        _policiesRoot = policiesRoot;
        var seenFolders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in files)
        {
            var end = path.Length;
            var isDirectory = false;
            while (end > 0)
            {
                var slash = path.LastIndexOf('/', end - 1);
                var parent = slash < 0 ? string.Empty : path[..slash];
                var entryPath = path[..end];
                if (isDirectory && !seenFolders.Add(entryPath))
                {
                    break;
                }

                Children(parent).Add(new SourceEntry(entryPath[(slash + 1)..], entryPath, isDirectory, IsLink: false));
                end = slash < 0 ? 0 : slash;
                isDirectory = true;
            }
        }

        foreach (var children in _folders.Values)
        {
            children.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        }
    }

    public override string Root => _blobPrefix;

    public override IReadOnlyList<SourceEntry> List(string relativeFolder, ICollection<Diagnostic> diagnostics) =>
        _folders.TryGetValue(relativeFolder, out var children) ? children : [];

    public override AdmittedEntry? Admit(SourceEntry entry, ICollection<Diagnostic> diagnostics)
    {
        var path = entry.RelativePath;
        var isPolicies = path == PoliciesFolder || path.StartsWith(PoliciesFolder + "/", StringComparison.Ordinal);
        return isPolicies && _policiesRoot is not null
            ? new AdmittedEntry(path, Path.Combine(_policiesRoot, path.Replace('/', Path.DirectorySeparatorChar)))
            : new AdmittedEntry(path, _blobPrefix + path);
    }

    private List<SourceEntry> Children(string folder)
    {
        if (!_folders.TryGetValue(folder, out var children))
        {
            children = [];
            _folders[folder] = children;
        }

        return children;
    }
}
