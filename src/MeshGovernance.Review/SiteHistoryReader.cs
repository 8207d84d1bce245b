using System.Text;
using MeshGovernance.Git;
using MeshGovernance.Model.Loading;
using MeshGovernance.Model.Yaml;
using MeshGovernance.Contracts;
using MeshGovernance.Results;

namespace MeshGovernance.Review;

/// <summary>
/// Reads what the site shows from git history: the last commit of each mesh file, and each contract's changelog
/// (what <c>meshgov diff</c> would say of every commit that changed it), over the newest commits only.
/// </summary>
public static class SiteHistoryReader
{
    /// <summary>Blob reads a changelog may take; a longer history is cut, and the site says how far it goes.</summary>
    private const int MaxBlobReads = 5000;

    private const long MaxBlobBytes = 4L * 1024 * 1024;

    /// <summary>The history of the mesh at <paramref name="meshRoot"/>, or <see cref="MeshHistory.None"/> (and why) when there is none.</summary>
    public static (MeshHistory History, string? Note) Read(string meshRoot, int maxCommits)
    {
        try
        {
            return ReadHistory(meshRoot, maxCommits);
        }
        catch (GitException ex)
        {
            // History is a nicety of the pages: without it they say so, and the site is still built.
            return (MeshHistory.None, "no git history (" + ex.Message.Split('\n')[0] + ")");
        }
    }

    private static (MeshHistory History, string? Note) ReadHistory(string meshRoot, int maxCommits)
    {
        GitRepository repository;
        try
        {
            repository = GitRepository.Open(meshRoot);
        }
        catch (GitException ex)
        {
            return (MeshHistory.None, "no git history (" + ex.Message.Split('\n')[0] + ")");
        }

        var prefix = PullRequestRevisions.MeshPrefix(repository.Root, meshRoot);
        var commits = repository.Log(maxCommits, [prefix + MeshLayout.Domains, prefix + MeshLayout.Teams]);
        if (repository.IsShallow)
        {
            // A shallow clone's oldest commit looks as if it added every file: say so rather than mislead.
            commits = commits.Take(Math.Max(0, commits.Count - 1)).ToList();
        }

        var lastChanges = new Dictionary<string, FileCommit>(StringComparer.Ordinal);
        var changelogs = new Dictionary<string, List<ContractChangelogEntry>>(StringComparer.Ordinal);
        var reads = 0;
        using var blobs = new GitBlobReader(repository);
        foreach (var commit in commits)
        {
            var stamp = new FileCommit(commit.Id, commit.Date, commit.Author, commit.Subject);
            foreach (var file in commit.Files.Where(f => f.Path.StartsWith(prefix, StringComparison.Ordinal)))
            {
                var path = file.Path[prefix.Length..];
                lastChanges.TryAdd(path, stamp);
                if (!path.EndsWith(".odcs.yaml", StringComparison.Ordinal) || reads >= MaxBlobReads)
                {
                    continue;
                }

                var before = ReadContract(blobs, file.OldBlob, path, ref reads);
                var after = ReadContract(blobs, file.NewBlob, path, ref reads);
                var id = after?.GetString("id") ?? before?.GetString("id");
                if (id is null)
                {
                    continue;
                }

                var changes = ContractChangeClassifier.Compare(before, after);
                if (!changelogs.TryGetValue(id, out var entries))
                {
                    changelogs[id] = entries = [];
                }

                entries.Add(new ContractChangelogEntry(stamp, after?.GetString("version"), changes.Changes));
            }
        }

        var note = reads >= MaxBlobReads ? $"contract changelogs cut after {MaxBlobReads} file versions" : null;
        return (new MeshHistory(lastChanges, changelogs.ToDictionary(e => e.Key, e => (IReadOnlyList<ContractChangelogEntry>)e.Value, StringComparer.Ordinal)), note);
    }

    private static SourceMapping? ReadContract(GitBlobReader blobs, string? blob, string path, ref int reads)
    {
        if (blob is null)
        {
            return null;
        }

        reads++;
        using var buffer = new MemoryStream();
        if (blobs.Read(blob, buffer, MaxBlobBytes).Status != BlobReadStatus.Read)
        {
            return null;
        }

        return YamlDocumentReader.Read(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length), path).Root;
    }
}
