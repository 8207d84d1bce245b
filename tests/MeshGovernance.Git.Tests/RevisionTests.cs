namespace MeshGovernance.Git.Tests;

public class RevisionTests
{
    [Fact]
    public void Branches_tags_and_expressions_resolve_to_full_commit_ids()
    {
        using var git = GitTestRepository.Create();
        var first = git.Write("mesh.yaml", "name: one\n").Commit("first");
        var second = git.Write("mesh.yaml", "name: two\n").Commit("second");
        git.Git("tag", "-a", "v1", "-m", "annotated", first);
        var repository = git.Open();

        Assert.Equal(second, repository.ResolveCommit("main"));
        Assert.Equal(first, repository.ResolveCommit("HEAD~1"));
        Assert.Equal(first, repository.ResolveCommit("v1"));
        Assert.Equal(first, repository.ResolveCommit(first[..10]));
        Assert.Equal(second, repository.HeadCommit());
    }

    [Fact]
    public void An_unknown_revision_is_a_git_exception_naming_it()
    {
        using var git = GitTestRepository.Create();
        git.Write("mesh.yaml", "name: one\n").Commit("first");

        var exception = Assert.Throws<GitException>(() => git.Open().ResolveCommit("no-such-branch"));

        Assert.Contains("'no-such-branch'", exception.Message);
        Assert.Contains("fetch", exception.Message);
    }

    [Theory]
    [InlineData("--output=x")]
    [InlineData("-h")]
    [InlineData("")]
    [InlineData("main\n--all")]
    public void A_revision_that_git_could_read_as_an_option_is_refused(string revision)
    {
        using var git = GitTestRepository.Create();
        git.Write("mesh.yaml", "name: one\n").Commit("first");
        var repository = git.Open();

        Assert.Throws<GitException>(() => repository.ResolveCommit(revision));
        Assert.False(File.Exists(git.PathOf("x")));
    }

    [Fact]
    public void A_revision_naming_a_tree_is_not_a_commit()
    {
        using var git = GitTestRepository.Create();
        git.Write("mesh.yaml", "name: one\n").Commit("first");

        Assert.Throws<GitException>(() => git.Open().ResolveCommit("HEAD^{tree}"));
    }

    [Fact]
    public void A_repository_without_commits_has_no_head_commit()
    {
        using var git = GitTestRepository.Create();

        Assert.Null(git.Open().HeadCommit());
    }

    [Fact]
    public void The_merge_base_of_two_branches_is_where_they_forked()
    {
        using var git = GitTestRepository.Create();
        git.Write("mesh.yaml", "name: one\n").Commit("first");
        var fork = git.Write("teams/a.yaml", "id: a\n").Commit("second");
        git.Git("checkout", "-q", "-b", "feature");
        git.Write("teams/b.yaml", "id: b\n").Commit("feature work");
        git.Git("checkout", "-q", "main");
        git.Write("teams/c.yaml", "id: c\n").Commit("main moves on");
        var repository = git.Open();

        Assert.Equal(fork, repository.MergeBase("main", "feature"));
        Assert.Equal(fork, repository.EnsureHistory("main", "feature", allowFetch: false).MergeBase);
    }

    [Fact]
    public void Unrelated_histories_have_no_merge_base_and_no_reviewable_range()
    {
        using var git = GitTestRepository.Create();
        git.Write("mesh.yaml", "name: one\n").Commit("first");
        git.Git("checkout", "-q", "--orphan", "other");
        git.Write("mesh.yaml", "name: other\n").Commit("unrelated");
        var repository = git.Open();

        Assert.Null(repository.MergeBase("main", "other"));
        var exception = Assert.Throws<GitException>(() => repository.EnsureHistory("main", "other", allowFetch: false));
        Assert.IsNotType<ShallowCloneException>(exception);
        Assert.Contains("share no history", exception.Message);
    }
}
