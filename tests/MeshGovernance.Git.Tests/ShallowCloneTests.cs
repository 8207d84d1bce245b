namespace MeshGovernance.Git.Tests;

/// <summary>Clones made with --depth from a file:// origin, as actions/checkout makes them by default; no network.</summary>
public class ShallowCloneTests
{
    [Fact]
    public void Without_fetch_a_missing_base_is_a_shallow_clone_exception_saying_what_to_do()
    {
        using var origin = ForkedOrigin(out _);
        using var clone = GitTestRepository.CloneOf(origin, "--depth", "1", "--branch", "feature");
        var repository = clone.Open();

        Assert.True(repository.IsShallow);
        var exception = Assert.Throws<ShallowCloneException>(() => repository.EnsureHistory("origin/main", null, allowFetch: false));

        Assert.Contains("shallow clone", exception.Message);
        Assert.Contains("fetch-depth: 0", exception.Message);
        Assert.Contains("actions/checkout", exception.Message);
        Assert.Contains("--fetch", exception.Message);
    }

    [Fact]
    public void With_fetch_the_history_is_fetched_and_the_merge_base_is_the_fork_point()
    {
        using var origin = ForkedOrigin(out var forkPoint);
        using var clone = GitTestRepository.CloneOf(origin, "--depth", "1", "--branch", "feature");
        var repository = clone.Open();

        var range = repository.EnsureHistory("origin/main", null, allowFetch: true);

        Assert.False(repository.IsShallow);
        Assert.Equal(origin.Git("rev-parse", "main"), range.BaseCommit);
        Assert.Equal(origin.Git("rev-parse", "feature"), range.HeadCommit);
        Assert.Equal(forkPoint, range.MergeBase);
        Assert.Equal(
            [new FileChange(ChangeKind.Added, "teams/f1.yaml"), new FileChange(ChangeKind.Added, "teams/f2.yaml")],
            repository.ChangedFiles(range.MergeBase, range.HeadCommit));
    }

    [Fact]
    public void A_base_that_is_present_but_shares_no_fetched_history_is_not_answered_with_no_merge_base()
    {
        using var origin = ForkedOrigin(out _);
        using var clone = GitTestRepository.CloneOf(origin, "--depth", "1", "--no-single-branch", "--branch", "feature");
        var repository = clone.Open();

        Assert.Equal(origin.Git("rev-parse", "main"), repository.ResolveCommit("origin/main"));
        Assert.Throws<ShallowCloneException>(() => repository.MergeBase("origin/main", "HEAD"));
        Assert.Throws<ShallowCloneException>(() => repository.EnsureHistory("origin/main", "HEAD", allowFetch: false));
    }

    [Fact]
    public void A_merge_base_found_beyond_a_shallow_boundary_is_not_trusted()
    {
        // feature's tip merges the root back in, so a depth-3 clone reaches the root through the tip but not the true
        // merge base X: plain git merge-base answers with the root, which is a wrong answer.
        using var origin = GitTestRepository.Create();
        var root = origin.Write("mesh.yaml", "name: root\n").Commit("root");
        var trueMergeBase = origin.Write("teams/x.yaml", "id: x\n").Commit("X");
        origin.Git("checkout", "-q", "-b", "feature");
        origin.Write("teams/f1.yaml", "id: f1\n").Commit("f1");
        origin.Write("teams/f2.yaml", "id: f2\n").Commit("f2");
        var f3 = origin.Write("teams/f3.yaml", "id: f3\n").Commit("f3");
        var tip = origin.Git("commit-tree", $"{f3}^{{tree}}", "-p", f3, "-p", root, "-m", "merge the root back in");
        origin.Git("update-ref", "refs/heads/feature", tip);
        origin.Git("checkout", "-q", "main");
        origin.Write("teams/b1.yaml", "id: b1\n").Commit("b1");
        using var clone = GitTestRepository.CloneOf(origin, "--depth", "3", "--no-single-branch", "--branch", "feature");
        Assert.Equal(root, clone.Git("merge-base", "origin/main", "HEAD"));
        var repository = clone.Open();

        Assert.Throws<ShallowCloneException>(() => repository.MergeBase("origin/main", "HEAD"));
        Assert.Throws<ShallowCloneException>(() => repository.EnsureHistory("origin/main", "HEAD", allowFetch: false));
        Assert.Equal(trueMergeBase, repository.EnsureHistory("origin/main", "HEAD", allowFetch: true).MergeBase);
    }

    [Fact]
    public void A_shallow_clone_with_enough_history_is_answered_without_fetching()
    {
        using var origin = ForkedOrigin(out var forkPoint);
        using var clone = GitTestRepository.CloneOf(origin, "--depth", "3", "--no-single-branch", "--branch", "feature");
        var repository = clone.Open();

        var range = repository.EnsureHistory("origin/main", null, allowFetch: false);

        Assert.True(repository.IsShallow);
        Assert.Equal(forkPoint, range.MergeBase);
    }

    [Fact]
    public void A_remote_name_that_looks_like_an_option_is_refused_before_fetching()
    {
        using var origin = ForkedOrigin(out _);
        using var clone = GitTestRepository.CloneOf(origin, "--depth", "1", "--branch", "feature");

        Assert.Throws<GitException>(() => clone.Open().EnsureHistory("origin/main", null, allowFetch: true, remote: "--upload-pack=touch x"));
        Assert.True(clone.Open().IsShallow);
    }

    [Fact]
    public void A_failing_fetch_is_a_git_exception_naming_the_remote()
    {
        using var origin = ForkedOrigin(out _);
        using var clone = GitTestRepository.CloneOf(origin, "--depth", "1", "--branch", "feature");
        clone.Git("remote", "rename", "origin", "upstream");

        var exception = Assert.Throws<GitException>(() => clone.Open().EnsureHistory("upstream/main", null, allowFetch: true, remote: "origin"));

        Assert.Contains("remote 'origin'", exception.Message);
        Assert.NotNull(exception.ExitCode);
    }

    /// <summary>main: a - b - c1 - c2 - c3; feature forks at c2: f1 - f2. Returns the fork point c2.</summary>
    private static GitTestRepository ForkedOrigin(out string forkPoint)
    {
        var origin = GitTestRepository.Create();
        origin.Write("mesh.yaml", "name: a\n").Commit("a");
        origin.Write("mesh.yaml", "name: b\n").Commit("b");
        origin.Write("mesh.yaml", "name: c1\n").Commit("c1");
        forkPoint = origin.Write("mesh.yaml", "name: c2\n").Commit("c2");
        origin.Git("checkout", "-q", "-b", "feature");
        origin.Write("teams/f1.yaml", "id: f1\n").Commit("f1");
        origin.Write("teams/f2.yaml", "id: f2\n").Commit("f2");
        origin.Git("checkout", "-q", "main");
        origin.Write("mesh.yaml", "name: c3\n").Commit("c3");
        return origin;
    }
}
