namespace MeshGovernance.Git.Tests;

public class ListFilesTests
{
    private static readonly string[] MeshPrefixes = ["mesh.yaml", "teams/", "domains/", "governance/"];

    [Fact]
    public void Lists_files_under_the_prefixes_with_mode_kind_object_and_size()
    {
        using var git = GitTestRepository.Create();
        git.Write("mesh.yaml", "name: m\n")
            .Write("mesh.yaml.bak", "not selected\n")
            .Write("teams/a.yaml", "id: a\n")
            .Write("teamsx/b.yaml", "not selected\n")
            .Write("README.md", "not selected\n")
            .Write("governance/policies/check.csx", "// policy\n")
            .Symlink("domains/sales/domain.yaml", "../../shared/sales.yaml");
        var commit = git.Commit("first");

        var entries = git.Open().ListFiles(commit, MeshPrefixes);

        Assert.Equal(["domains/sales/domain.yaml", "governance/policies/check.csx", "mesh.yaml", "teams/a.yaml"], entries.Select(e => e.Path));
        var mesh = entries.Single(e => e.Path == "mesh.yaml");
        Assert.Equal(("100644", TreeEntryKind.File, 8L), (mesh.Mode, mesh.Kind, mesh.Size!.Value));
        Assert.Equal(git.Git("rev-parse", $"{commit}:mesh.yaml"), mesh.ObjectId);
        var link = entries.Single(e => e.Path == "domains/sales/domain.yaml");
        Assert.Equal(("120000", TreeEntryKind.Symlink, "../../shared/sales.yaml".Length), (link.Mode, link.Kind, (int)link.Size!.Value));
    }

    [Fact]
    public void Submodules_and_executables_are_identifiable()
    {
        using var git = GitTestRepository.Create();
        var other = git.Write("mesh.yaml", "name: m\n").Commit("first");
        git.Write("governance/run.sh", "#!/bin/sh\n");
        git.Git("add", "--chmod=+x", "governance/run.sh");
        git.Git("update-index", "--add", "--cacheinfo", $"160000,{other},governance/vendored");
        var commit = git.CommitStaged("submodule");

        var entries = git.Open().ListFiles(commit, ["governance/"]);

        Assert.Equal([("governance/run.sh", TreeEntryKind.Executable), ("governance/vendored", TreeEntryKind.Submodule)], entries.Select(e => (e.Path, e.Kind)));
        Assert.Null(entries[1].Size);
        Assert.Equal(other, entries[1].ObjectId);
    }

    [Fact]
    public void No_prefixes_select_every_file()
    {
        using var git = GitTestRepository.Create();
        var commit = git.Write("a.txt", "a").Write("deep/er/b.txt", "b").Commit("first");

        Assert.Equal(["a.txt", "deep/er/b.txt"], git.Open().ListFiles(commit, []).Select(e => e.Path));
    }

    [Theory]
    [InlineData("../outside")]
    [InlineData("/etc/")]
    [InlineData("teams/../..")]
    public void Prefixes_that_leave_the_repository_are_refused(string prefix)
    {
        using var git = GitTestRepository.Create();
        var commit = git.Write("mesh.yaml", "name: m\n").Commit("first");

        Assert.Throws<ArgumentException>(() => git.Open().ListFiles(commit, [prefix]));
    }

    [Fact]
    public void Working_tree_is_clean_until_a_selected_path_changes()
    {
        using var git = GitTestRepository.Create();
        git.Write(".gitignore", "*.tmp\n").Write("mesh.yaml", "name: m\n").Write("teams/a.yaml", "id: a\n").Commit("first");
        var repository = git.Open();

        Assert.True(repository.IsWorkingTreeClean(MeshPrefixes));
        git.Write("README.md", "outside the prefixes\n").Write("teams/ignored.tmp", "ignored\n");
        Assert.True(repository.IsWorkingTreeClean(MeshPrefixes));
        Assert.False(repository.IsWorkingTreeClean([]));
        git.Write("teams/new one.yaml", "id: new\n");
        Assert.False(repository.IsWorkingTreeClean(MeshPrefixes));
        git.Delete("teams/new one.yaml").Write("mesh.yaml", "name: edited\n");
        Assert.False(repository.IsWorkingTreeClean(["mesh.yaml"]));
        Assert.True(repository.IsWorkingTreeClean(["teams/"]));
    }

    [Fact]
    public void Prefixes_are_literal_not_glob_patterns()
    {
        using var git = GitTestRepository.Create();
        git.Write("teams/a.yaml", "id: a\n").Write("teams/b.yaml", "id: b\n").Commit("first");
        var repository = git.Open();

        git.Write("teams/b.yaml", "id: changed\n");

        Assert.True(repository.IsWorkingTreeClean(["teams/a*"]));
        Assert.False(repository.IsWorkingTreeClean(["teams/b.yaml"]));
    }
}
