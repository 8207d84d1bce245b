using MeshGovernance.Git;
using MeshGovernance.Model.Loading;
using MeshGovernance.Review;
using MeshGovernance.Testing;

namespace MeshGovernance.Cli.Tests;

/// <summary>
/// A pull request's other revisions are read from git's object store: unchanged files are the working tree's files,
/// and what is read from git is judged exactly as a checkout of that revision would be.
/// </summary>
public sealed class RevisionLoadingTests
{
    private const string Contract = "domains/payments/contracts/payment-transactions.odcs.yaml";

    [Fact]
    public void The_merge_base_takes_every_unchanged_file_from_the_working_tree_and_reads_only_the_changed_one()
    {
        using var repo = GitMeshRepository.FromFolder(RepositoryPaths.Template);
        repo.Branch("bump");
        repo.Replace(Contract, "version: 1.5.1", "version: 1.6.0");
        repo.Commit("Bump");

        using var revisions = PullRequestRevisions.Load(repo.Root, "main", headRevision: null, allowFetch: false, cache: null);

        var head = revisions.Head.Files.ToDictionary(f => f.File.RelativePath);
        Assert.Equal(head.Keys, revisions.MergeBase.Files.Select(f => f.File.RelativePath));
        foreach (var file in revisions.MergeBase.Files.Where(f => f.File.RelativePath != Contract))
        {
            Assert.Same(head[file.File.RelativePath].Root, file.Root);
        }

        var changed = Assert.Single(revisions.MergeBase.Files, f => f.File.RelativePath == Contract);
        Assert.NotSame(head[Contract].Root, changed.Root);
        Assert.Equal("1.5.1", changed.Root!.GetString("version"));
        Assert.StartsWith(revisions.MergeBaseCommit + ":", changed.File.FullPath, StringComparison.Ordinal);
        Assert.Equal(revisions.MergeBase.Diagnostics, revisions.Head.Diagnostics);
    }

    [Fact]
    public void A_revision_read_from_git_is_judged_like_a_checkout_of_it()
    {
        using var repo = GitMeshRepository.FromFolder(RepositoryPaths.Template);
        repo.Write("teams/notes.txt", "not a team\n")
            .Write("teams/empty.yaml", string.Empty)
            .Write("domains/orders/products/drafts/old.odps.yaml", "id: old\n")
            .Write("domains/orders/products/broken.odps.yaml", "id: [unclosed\n")
            .Write("domains/stray.yaml", "a: 1\n")
            .Write("governance/notes/readme.txt", "anything goes here\n");
        repo.Replace(Contract, "version: 1.5.1", "version: 1.5.1\nunknownKey: 1");
        repo.Commit("A revision with problems");
        repo.Branch("fix");
        repo.Delete("teams/notes.txt");
        repo.Commit("Tidy");

        using var revisions = PullRequestRevisions.Load(repo.Root, "main", headRevision: null, allowFetch: false, cache: null);
        using var checkout = RevisionSnapshot.Materialize(GitRepository.Open(repo.Root), revisions.MergeBaseCommit, MeshLayout.All);
        var fromDisk = MeshLoader.Load(checkout.Root);

        Assert.Equal(
            fromDisk.Files.Select(f => (f.File.RelativePath, f.File.Kind, f.File.DomainFolder, f.File.Stem)),
            revisions.MergeBase.Files.Select(f => (f.File.RelativePath, f.File.Kind, f.File.DomainFolder, f.File.Stem)));
        Assert.Equal(fromDisk.Diagnostics, revisions.MergeBase.Diagnostics);
        Assert.Contains(revisions.MergeBase.Diagnostics, d => d.File == "teams/notes.txt");
        Assert.Contains(revisions.MergeBase.Diagnostics, d => d.File == "teams/empty.yaml");
        Assert.Contains(revisions.MergeBase.Diagnostics, d => d.File == "domains/orders/products/broken.odps.yaml");
        Assert.DoesNotContain(revisions.Head.Diagnostics, d => d.File == "teams/notes.txt");
        Assert.Equal(fromDisk.Layout!.PolicyScripts.Select(p => p.RelativePath), revisions.MergeBase.Layout!.PolicyScripts.Select(p => p.RelativePath));
        Assert.All(revisions.MergeBase.Layout.PolicyScripts, p => Assert.True(File.Exists(p.FullPath), p.FullPath));
    }

    [Fact]
    public void A_revision_with_a_link_leaving_the_repository_reports_it_and_does_not_follow_it()
    {
        using var outside = TempMeshRepository.Empty();
        File.WriteAllText(Path.Combine(outside.Root, "secret.yaml"), "id: secret\n");
        using var repo = GitMeshRepository.FromFolder(RepositoryPaths.Template);
        File.CreateSymbolicLink(Path.Combine(repo.Root, "teams", "escape.yaml"), Path.Combine(outside.Root, "secret.yaml"));
        repo.Commit("A link out");
        repo.Branch("remove-link");
        repo.Delete("teams/escape.yaml");
        repo.Commit("Remove the link");

        using var revisions = PullRequestRevisions.Load(repo.Root, "main", headRevision: null, allowFetch: false, cache: null);

        var refused = Assert.Single(revisions.MergeBase.Diagnostics, d => d.File == "teams/escape.yaml");
        Assert.Contains("points outside the repository", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(revisions.MergeBase.Files, f => f.File.RelativePath.Contains("secret", StringComparison.Ordinal));
    }
}
