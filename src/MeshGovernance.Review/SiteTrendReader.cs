using MeshGovernance.Git;
using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Loading;
using MeshGovernance.Policies.Engine;
using MeshGovernance.Results;

namespace MeshGovernance.Review;

/// <summary>
/// The governance trend: the newest commits that changed the mesh, each checked as it stood then, with the
/// policies, waivers and settings of that commit. Each revision is read from git (<see cref="RevisionMeshLoader"/>),
/// the files it shares with the commit before it taken from that commit's load.
/// </summary>
public static class SiteTrendReader
{
    public static (IReadOnlyList<TrendPoint> Points, string? Note) Read(string meshRoot, int maxCommits, PolicyEngineOptions options, FileCache? cache)
    {
        GitRepository repository;
        try
        {
            repository = GitRepository.Open(meshRoot);
        }
        catch (GitException)
        {
            return ([], null);
        }

        var prefix = PullRequestRevisions.MeshPrefix(repository.Root, meshRoot);
        var scope = MeshLayout.All.Select(p => prefix + p).ToList();
        IReadOnlyList<LoggedCommit> commits;
        try
        {
            commits = repository.Log(maxCommits, scope);
        }
        catch (GitException ex)
        {
            return ([], "no trend (" + ex.Message.Split('\n')[0] + ")");
        }

        var points = new List<TrendPoint>();
        MeshLoadResult? previous = null;
        foreach (var commit in commits.AsEnumerable().Reverse())
        {
            var written = new List<RevisionSnapshot>();
            try
            {
                // Consecutive commits share most files: those are taken from the previous commit's load, unread.
                var load = RevisionMeshLoader.Load(repository, commit.Id, prefix, cache, previous is null ? [] : [previous], written);
                previous = load;
                if (load.ConfigurationError)
                {
                    continue;
                }

                var check = PolicyEngine.Check(load, PolicySet.Load(load), options);
                points.Add(new TrendPoint(
                    new FileCommit(commit.Id, commit.Date, commit.Author, commit.Subject),
                    load.Mesh.Products.Count,
                    load.Mesh.Contracts.Count,
                    check.Diagnostics.Count(d => d.Level == DiagnosticLevel.Error),
                    check.Diagnostics.Count(d => d.Blocking),
                    check.Diagnostics.Count(d => d.Policy?.Waived == true),
                    check.Diagnostics.Count(d => d.Level == DiagnosticLevel.Warning)));
            }
            catch (GitException ex)
            {
                return (points, $"the trend stops at commit {commit.Id[..12]}: {ex.Message.Split('\n')[0]}");
            }
            finally
            {
                foreach (var snapshot in written)
                {
                    snapshot.Dispose();
                }
            }
        }

        return (points, null);
    }
}
