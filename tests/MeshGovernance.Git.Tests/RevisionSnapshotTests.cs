namespace MeshGovernance.Git.Tests;

public class RevisionSnapshotTests
{
    private static readonly string[] MeshPrefixes = ["mesh.yaml", "teams/", "domains/", "governance/"];

    [Fact]
    public void Writes_the_selected_files_of_a_revision_byte_for_byte()
    {
        using var git = GitTestRepository.Create();
        var binary = new byte[200_000];
        new Random(3).NextBytes(binary);
        var baseCommit = git.Write("mesh.yaml", "name: base\n")
            .Write("teams/with space \"quoted\" ü.yaml", "id: odd\n")
            .Write("teams/new\nline.yaml", "id: newline\n")
            .WriteBytes("domains/sales/blob.bin", binary)
            .Write("README.md", "not selected\n")
            .Commit("base");
        git.Write("mesh.yaml", "name: head\n").Write("teams/later.yaml", "id: later\n").Commit("head");

        using var snapshot = RevisionSnapshot.Materialize(git.Open(), baseCommit, MeshPrefixes);

        Assert.Equal(baseCommit, snapshot.Commit);
        Assert.Equal("name: base\n", File.ReadAllText(Path.Combine(snapshot.Root, "mesh.yaml")));
        Assert.Equal("id: odd\n", File.ReadAllText(Path.Combine(snapshot.Root, "teams", "with space \"quoted\" ü.yaml")));
        Assert.Equal("id: newline\n", File.ReadAllText(Path.Combine(snapshot.Root, "teams", "new\nline.yaml")));
        Assert.Equal(binary, File.ReadAllBytes(Path.Combine(snapshot.Root, "domains", "sales", "blob.bin")));
        Assert.False(File.Exists(Path.Combine(snapshot.Root, "README.md")));
        Assert.False(File.Exists(Path.Combine(snapshot.Root, "teams", "later.yaml")));
        Assert.Equal(4, snapshot.Files.Count);
        Assert.Empty(snapshot.Skipped);
    }

    [Fact]
    public void Uses_one_blob_reader_process_however_many_files()
    {
        using var git = GitTestRepository.Create();
        for (var i = 0; i < 150; i++)
        {
            git.Write($"domains/d{i % 5}/products/p{i}.odps.yaml", $"id: p{i}\n");
        }

        var commit = git.Commit("many");
        using var fakeGit = FakeGit.Logging();

        using var snapshot = RevisionSnapshot.Materialize(git.Open(fakeGit.Options), commit, MeshPrefixes);

        Assert.Equal(150, snapshot.Files.Count);
        Assert.Single(fakeGit.Invocations, line => line.Contains("cat-file"));
        Assert.Single(fakeGit.Invocations, line => line.Contains("ls-tree"));
        Assert.True(fakeGit.Invocations.Count <= 6, string.Join("\n", fakeGit.Invocations));
    }

    [Fact]
    public void Symlinks_stay_symlinks_and_submodules_and_oversized_files_are_skipped_and_listed()
    {
        using var git = GitTestRepository.Create();
        var other = git.Write("mesh.yaml", "name: m\n").Commit("first");
        git.Write("domains/shared/domain.yaml", "id: shared\n")
            .Symlink("domains/sales/domain.yaml", "../shared/domain.yaml")
            .Symlink("teams/escape.yaml", "../../../etc/passwd")
            .WriteBytes("domains/sales/huge.yaml", new byte[5000]);
        git.Git("add", "-A");
        git.Git("update-index", "--add", "--cacheinfo", $"160000,{other},governance/vendored");
        var commit = git.CommitStaged("links");

        using var snapshot = RevisionSnapshot.Materialize(git.Open(), commit, MeshPrefixes, maxFileBytes: 4096);

        Assert.Equal("../shared/domain.yaml", new FileInfo(Path.Combine(snapshot.Root, "domains", "sales", "domain.yaml")).LinkTarget);
        Assert.Equal("id: shared\n", File.ReadAllText(Path.Combine(snapshot.Root, "domains", "sales", "domain.yaml")));
        Assert.Equal("../../../etc/passwd", new FileInfo(Path.Combine(snapshot.Root, "teams", "escape.yaml")).LinkTarget);
        Assert.False(File.Exists(Path.Combine(snapshot.Root, "domains", "sales", "huge.yaml")));
        Assert.False(Path.Exists(Path.Combine(snapshot.Root, "governance", "vendored")));
        Assert.Equal(
            [new SkippedEntry("domains/sales/huge.yaml", SkipReason.TooLarge, 5000), new SkippedEntry("governance/vendored", SkipReason.Submodule, null)],
            snapshot.Skipped);
    }

    [Fact]
    public void A_tree_with_a_dot_dot_entry_cannot_write_outside_the_target()
    {
        using var git = GitTestRepository.Create();
        git.Write("mesh.yaml", "name: m\n").Commit("first");
        var blob = git.Git("rev-parse", "HEAD:mesh.yaml");
        var evilTree = MakeTree(git, $"100644 blob {blob}\tescaped.yaml");
        var dotDot = MakeTree(git, $"040000 tree {evilTree}\t..", $"100644 blob {blob}\tok.yaml");
        var dotDotAgain = MakeTree(git, $"040000 tree {dotDot}\t..");
        var root = MakeTree(git, $"040000 tree {dotDotAgain}\tteams", $"100644 blob {blob}\tmesh.yaml");
        var commit = git.Git("commit-tree", root, "-m", "malicious");
        var target = Path.Combine(GitTestRepository.NewTempFolder("meshgov-snapshot-parent"), "snapshot");
        try
        {
            var repository = git.Open();
            Assert.Contains(repository.ListFiles(commit, MeshPrefixes), e => e.Path == "teams/../../escaped.yaml");

            var exception = Assert.Throws<GitException>(() => RevisionSnapshot.Materialize(repository, commit, MeshPrefixes, target));

            Assert.Contains("teams/../../escaped.yaml", exception.Message);
            Assert.False(File.Exists(Path.Combine(target, "..", "escaped.yaml")));
            Assert.False(File.Exists(Path.Combine(target, "..", "..", "escaped.yaml")));
            Assert.False(Directory.Exists(target));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(target)!, recursive: true);
        }
    }

    [Fact]
    public void Dispose_deletes_the_folder_but_not_what_its_links_point_to()
    {
        using var git = GitTestRepository.Create();
        var outside = GitTestRepository.NewTempFolder("meshgov-outside");
        File.WriteAllText(Path.Combine(outside, "keep.txt"), "keep");
        var commit = git.Write("mesh.yaml", "name: m\n").Symlink("domains/out", outside).Commit("first");

        var snapshot = RevisionSnapshot.Materialize(git.Open(), commit, MeshPrefixes);
        Assert.True(File.Exists(Path.Combine(snapshot.Root, "domains", "out", "keep.txt")));
        snapshot.Dispose();

        Assert.False(Directory.Exists(snapshot.Root));
        Assert.True(File.Exists(Path.Combine(outside, "keep.txt")));
        Directory.Delete(outside, recursive: true);
    }

    [Fact]
    public void A_target_folder_that_is_not_empty_is_refused_and_left_alone()
    {
        using var git = GitTestRepository.Create();
        var commit = git.Write("mesh.yaml", "name: m\n").Commit("first");
        var target = GitTestRepository.NewTempFolder("meshgov-busy");
        File.WriteAllText(Path.Combine(target, "precious.txt"), "mine");
        try
        {
            Assert.Throws<GitException>(() => RevisionSnapshot.Materialize(git.Open(), commit, MeshPrefixes, target));

            Assert.Equal("mine", File.ReadAllText(Path.Combine(target, "precious.txt")));
        }
        finally
        {
            Directory.Delete(target, recursive: true);
        }
    }

    [Fact]
    public void A_missing_blob_fails_the_snapshot_and_removes_the_folder()
    {
        using var git = GitTestRepository.Create();
        var commit = git.Write("mesh.yaml", "name: m\n").Commit("first");
        var blob = git.Git("rev-parse", "HEAD:mesh.yaml");
        File.Delete(git.PathOf($".git/objects/{blob[..2]}/{blob[2..]}"));
        var target = Path.Combine(Path.GetTempPath(), "meshgov-missing-" + Guid.NewGuid().ToString("N"));

        var exception = Assert.Throws<GitException>(() => RevisionSnapshot.Materialize(git.Open(), commit, MeshPrefixes, target));

        Assert.Contains("is missing", exception.Message);
        Assert.False(Directory.Exists(target));
    }

    private static string MakeTree(GitTestRepository git, params string[] lines) =>
        git.GitWithInput(string.Join("\n", lines) + "\n", "mktree");
}
