using System.Text.RegularExpressions;

namespace MeshGovernance.Git;

/// <summary>
/// A git working tree, read through the git command line: revisions, merge bases, changed files and trees.
/// Every method runs git in <see cref="Root"/>; revisions given by users are resolved to full commit ids before
/// they reach any other git command, so they can never be read as options.
/// </summary>
public sealed partial class GitRepository
{
    private GitRepository(string root, GitOptions options)
    {
        Root = root;
        Options = options;
    }

    /// <summary>The top-level folder of the working tree.</summary>
    public string Root { get; }

    public GitOptions Options { get; }

    /// <summary>True when the repository is a shallow clone (checked on every call: a fetch can change it).</summary>
    public bool IsShallow => Run("rev-parse", "--is-shallow-repository").OutputText == "true";

    /// <summary>Opens the repository that holds <paramref name="path"/> (the folder itself or any folder below the top level).</summary>
    public static GitRepository Open(string path, GitOptions? options = null)
    {
        options ??= GitOptions.Default;
        var folder = Path.GetFullPath(path);
        if (!Directory.Exists(folder))
        {
            throw new GitException($"The folder '{folder}' does not exist. Pass the path of a clone of the mesh repository.");
        }

        var result = GitProcess.Run(options, folder, ["rev-parse", "--show-toplevel"]);
        if (result.ExitCode != 0)
        {
            throw OpenFailure(folder, result);
        }

        var root = result.OutputText;
        if (root.Length == 0)
        {
            throw new GitException($"'{folder}' is inside a git repository without a working tree (a bare repository or the .git folder). Pass the path of a working tree.");
        }

        return new GitRepository(Path.GetFullPath(root), options);
    }

    /// <summary>
    /// The full id of the commit <paramref name="revision"/> names (a branch, tag, commit id or expression such as <c>HEAD~1</c>).
    /// </summary>
    public string ResolveCommit(string revision)
    {
        if (string.IsNullOrWhiteSpace(revision) || revision.Any(char.IsControl))
        {
            throw new GitException($"'{revision}' is not a revision. Name a branch, tag or commit id.");
        }

        if (revision.StartsWith('-'))
        {
            throw new GitException($"The revision '{revision}' starts with '-', which git would read as an option; it was refused. Name a branch, tag or commit id.");
        }

        var result = RunAllowingFailure("rev-parse", "--verify", "--end-of-options", revision + "^{commit}");
        if (result.ExitCode != 0)
        {
            throw new GitException(
                $"The revision '{revision}' does not name a commit in the repository at '{Root}' (git: {result.FirstErrorLine}). "
                + "Check the name; a branch that exists only on the remote must be fetched first (on GitHub Actions, set 'fetch-depth: 0' on actions/checkout).",
                result.ExitCode, result.Error);
        }

        return CommitId(result);
    }

    /// <summary>The commit HEAD points at, or null in a repository without commits yet.</summary>
    public string? HeadCommit()
    {
        var result = RunAllowingFailure("rev-parse", "--verify", "--quiet", "HEAD^{commit}");
        return result.ExitCode switch
        {
            0 => CommitId(result),
            1 => null,
            _ => throw GitProcess.Failure(result),
        };
    }

    /// <summary>
    /// The best common ancestor of two revisions, or null when they share no history. In a shallow clone where the
    /// answer could be wrong (the history between them is cut off) this throws <see cref="ShallowCloneException"/>.
    /// </summary>
    public string? MergeBase(string revisionA, string revisionB)
    {
        var (a, b) = (ResolveCommit(revisionA), ResolveCommit(revisionB));
        var (mergeBase, certain) = FindMergeBase(a, b);
        if (!certain)
        {
            throw new ShallowCloneException(ShallowMessage(revisionA, revisionB, remote: null));
        }

        return mergeBase;
    }

    /// <summary>
    /// Resolves base and head (null: HEAD) and their merge base, making sure the history behind the answer is really there.
    /// When the base commit or the merge base is missing in a shallow clone: with <paramref name="allowFetch"/>, runs
    /// <c>git fetch --no-tags --unshallow &lt;remote&gt; +refs/heads/*:refs/remotes/&lt;remote&gt;/*</c> once and checks again;
    /// without it, throws <see cref="ShallowCloneException"/>. Never answers from a truncated history.
    /// </summary>
    public CommitRange EnsureHistory(string baseRevision, string? headRevision, bool allowFetch, string remote = "origin")
    {
        var head = headRevision ?? "HEAD";
        if (allowFetch)
        {
            ValidateRemoteName(remote);
        }

        var fetched = false;
        while (true)
        {
            var problem = TryResolveRange(baseRevision, head, out var range);
            if (problem is null)
            {
                return range!;
            }

            if (!IsShallow)
            {
                throw problem;
            }

            if (!allowFetch)
            {
                throw new ShallowCloneException(ShallowMessage(baseRevision, head, remote));
            }

            if (fetched)
            {
                throw new ShallowCloneException(
                    $"The repository at '{Root}' is still a shallow clone after fetching the full history of '{remote}' ({problem.Message}). "
                    + "Set 'fetch-depth: 0' on actions/checkout.");
            }

            FetchFullHistory(remote);
            fetched = true;
        }
    }

    /// <summary>
    /// The files that differ between <paramref name="baseCommit"/> and <paramref name="headCommit"/>, with renames detected
    /// (<c>git diff -M</c>). When <paramref name="headCommit"/> is null, compares with the working tree, including untracked
    /// files that are not ignored (as <see cref="ChangeKind.Added"/>). Sorted by path.
    /// </summary>
    /// <remarks>
    /// In working-tree mode, a file renamed to a path git does not track yet is reported as deleted plus added:
    /// detecting that rename would require staging the file, and this library never writes to the index.
    /// </remarks>
    public IReadOnlyList<FileChange> ChangedFiles(string baseCommit, string? headCommit)
    {
        var baseId = ResolveCommit(baseCommit);
        string[] diff = ["diff", "--name-status", "-z", "-M", "--no-ext-diff", "--no-relative", baseId];
        if (headCommit is not null)
        {
            var changes = NameStatusParser.Parse(Run([.. diff, ResolveCommit(headCommit), "--"]).Output);
            return [.. changes.OrderBy(c => c.Path, StringComparer.Ordinal)];
        }

        var tracked = NameStatusParser.Parse(Run([.. diff, "--"]).Output);
        var untracked = GitOutput.SplitNul(Run("ls-files", "--others", "--exclude-standard", "-z", "--full-name").Output);
        var byPath = tracked.ToDictionary(c => c.Path, StringComparer.Ordinal);
        foreach (var path in untracked)
        {
            // A tracked file removed from the index but still on disk: deleted per the index, present per the disk.
            byPath[path] = byPath.TryGetValue(path, out var known) && known.Kind == ChangeKind.Deleted
                ? new FileChange(ChangeKind.Modified, path)
                : new FileChange(ChangeKind.Added, path);
        }

        return [.. byPath.Values.OrderBy(c => c.Path, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The newest <paramref name="maxCommits"/> commits reachable from HEAD that change files under
    /// <paramref name="pathPrefixes"/>, newest first, each with those files and their blobs before and after
    /// (renames are a deletion plus an addition). Empty in a repository without commits.
    /// </summary>
    public IReadOnlyList<LoggedCommit> Log(int maxCommits, IReadOnlyList<string> pathPrefixes)
    {
        RepositoryPath.ValidatePrefixes(pathPrefixes);
        if (HeadCommit() is null)
        {
            return [];
        }

        string[] arguments =
        [
            "log", $"--max-count={Math.Max(1, maxCommits)}", "--no-renames", "--raw", "--no-abbrev", "-z",
            "--format=%x1e%H%x1f%aI%x1f%an%x1f%s", "HEAD", "--", .. pathPrefixes.Select(p => p.TrimEnd('/')),
        ];
        var commits = LogParser.Parse(GitOutput.Decode(Run(arguments).Output));
        foreach (var commit in commits)
        {
            foreach (var file in commit.Files.Where(f => !RepositoryPath.IsSafeRelative(f.Path)))
            {
                throw new GitException($"Commit {commit.Id} holds the path '{file.Path}', which is not a plain relative path.");
            }
        }

        return commits;
    }

    /// <summary>
    /// The files of <paramref name="commit"/>'s tree, recursively, selected by <paramref name="pathPrefixes"/>
    /// ("teams/" selects a folder, "mesh.yaml" a file or folder of that name; an empty list selects everything).
    /// </summary>
    public IReadOnlyList<TreeEntry> ListFiles(string commit, IReadOnlyList<string> pathPrefixes)
    {
        RepositoryPath.ValidatePrefixes(pathPrefixes);
        var commitId = ResolveCommit(commit);
        var entries = TreeListingParser.Parse(Run("ls-tree", "-r", "-z", "-l", "--full-tree", commitId).Output);
        return [.. entries.Where(e => RepositoryPath.IsSelected(e.Path, pathPrefixes))];
    }

    /// <summary>
    /// True when nothing under <paramref name="pathPrefixes"/> (everything, when empty) differs from HEAD: no staged,
    /// unstaged or untracked (non-ignored) changes.
    /// </summary>
    public bool IsWorkingTreeClean(IReadOnlyList<string> pathPrefixes)
    {
        RepositoryPath.ValidatePrefixes(pathPrefixes);
        var result = Run(["--literal-pathspecs", "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", .. pathPrefixes]);
        return result.Output.Length == 0;
    }

    internal GitProcessResult Run(params string[] arguments) => GitProcess.RunChecked(Options, Root, arguments);

    internal GitProcessResult RunAllowingFailure(params string[] arguments) => GitProcess.Run(Options, Root, arguments);

    private static GitException OpenFailure(string folder, GitProcessResult result)
    {
        var gitSays = result.FirstErrorLine;
        if (result.Error.Contains("dubious ownership", StringComparison.Ordinal))
        {
            return new GitException(
                $"git refuses to use the repository at '{folder}' ({gitSays}). The folder belongs to another user than the one running this command. "
                + $"If you trust it, run: git config --global --add safe.directory '{folder}' (in a container job, run as the folder's owner or add that line to the job).",
                result.ExitCode, result.Error);
        }

        if (result.Error.Contains("not a git repository", StringComparison.Ordinal))
        {
            return new GitException(
                $"'{folder}' is not inside a git repository ({gitSays}). Run the command in a clone of the mesh repository, or pass its path.",
                result.ExitCode, result.Error);
        }

        return GitProcess.Failure(result, "Check that the folder is a readable git working tree.");
    }

    private static string CommitId(GitProcessResult result)
    {
        var id = result.OutputText.Trim();
        if (!ObjectIdPattern().IsMatch(id))
        {
            throw new GitException($"'{result.Command}' printed '{id}' where a commit id was expected.");
        }

        return id;
    }

    private static void ValidateRemoteName(string remote)
    {
        if (!RemoteNamePattern().IsMatch(remote))
        {
            throw new GitException($"'{remote}' is not a remote name (such as 'origin').");
        }
    }

    private GitException? TryResolveRange(string baseRevision, string headRevision, out CommitRange? range)
    {
        range = null;
        string baseId, headId;
        try
        {
            headId = ResolveCommit(headRevision);
            baseId = ResolveCommit(baseRevision);
        }
        catch (GitException exception) when (exception.ExitCode is not null)
        {
            return exception;
        }

        var (mergeBase, certain) = FindMergeBase(baseId, headId);
        if (!certain)
        {
            return new GitException($"the history between '{baseRevision}' and '{headRevision}' is cut off by the shallow clone");
        }

        if (mergeBase is null)
        {
            return new GitException(
                $"'{baseRevision}' and '{headRevision}' share no history in the repository at '{Root}', so there is no change to review between them. Check the base revision.");
        }

        range = new CommitRange(baseId, headId, mergeBase);
        return null;
    }

    /// <summary>
    /// The merge base, and whether it is certain. In a shallow clone a merge base is only certain when no commit between it
    /// and either tip is a shallow boundary (a commit whose parents were not fetched): past a boundary, the true merge base
    /// may be hidden and git would answer with an older commit, or with none.
    /// </summary>
    private (string? MergeBase, bool Certain) FindMergeBase(string baseId, string headId)
    {
        var result = RunAllowingFailure("merge-base", "--all", baseId, headId);
        if (result.ExitCode > 1 || (result.ExitCode == 1 && result.Error.Trim().Length > 0))
        {
            throw GitProcess.Failure(result);
        }

        var mergeBases = result.OutputText.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (!IsShallow)
        {
            return (mergeBases.FirstOrDefault(), true);
        }

        if (mergeBases.Length == 0)
        {
            return (null, false);
        }

        var boundaries = ShallowBoundaries();
        var between = Run(["rev-list", baseId, headId, "--not", .. mergeBases]).OutputText.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return between.Any(boundaries.Contains) ? (null, false) : (mergeBases[0], true);
    }

    private HashSet<string> ShallowBoundaries()
    {
        var shallowFile = Path.Combine(Root, Run("rev-parse", "--git-path", "shallow").OutputText);
        return File.Exists(shallowFile)
            ? File.ReadAllLines(shallowFile).Select(l => l.Trim()).Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal)
            : [];
    }

    private void FetchFullHistory(string remote)
    {
        var result = GitProcess.Run(
            Options,
            Root,
            ["fetch", "--quiet", "--no-tags", "--no-auto-maintenance", "--unshallow", remote, $"+refs/heads/*:refs/remotes/{remote}/*"],
            Options.FetchTimeout);
        if (result.ExitCode != 0)
        {
            throw GitProcess.Failure(
                result,
                $"Fetching the full history from the remote '{remote}' failed; check that the remote exists and is reachable, or set 'fetch-depth: 0' on actions/checkout.");
        }
    }

    private string ShallowMessage(string baseRevision, string headRevision, string? remote) =>
        $"The repository at '{Root}' is a shallow clone (actions/checkout fetches a single commit by default), so the history needed to "
        + $"compare '{baseRevision}' with '{headRevision}' is missing. Set 'fetch-depth: 0' on actions/checkout, or pass --fetch to fetch the full history"
        + (remote is null ? "." : $" from '{remote}'.");

    [GeneratedRegex("^([0-9a-f]{40}|[0-9a-f]{64})$")]
    internal static partial Regex ObjectIdPattern();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9._/-]*$")]
    private static partial Regex RemoteNamePattern();
}
