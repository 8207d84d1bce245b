namespace MeshGovernance.Git.Tests;

public class ChangedFilesTests
{
    private const string Contract = """
        apiVersion: v3.1.0
        kind: DataContract
        id: sales.orders.v1
        version: 1.0.0
        status: active
        schema:
          - name: orders
            properties:
              - name: order_id
              - name: ordered_at
              - name: amount
        """;

    [Fact]
    public void Added_modified_deleted_renamed_and_type_changed_files_between_two_commits()
    {
        using var git = GitTestRepository.Create();
        var baseCommit = git
            .Write("mesh.yaml", "name: one\n")
            .Write("teams/old.yaml", "id: old\n")
            .Write("domains/sales/contracts/orders.odcs.yaml", Contract)
            .Write("domains/sales/domain.yaml", "id: sales\n")
            .Commit("base");
        git.Write("mesh.yaml", "name: two\n")
            .Delete("teams/old.yaml")
            .Write("teams/new.yaml", "id: new\n")
            .Delete("domains/sales/contracts/orders.odcs.yaml")
            .Write("domains/sales/contracts/orders-v1.odcs.yaml", Contract + "\n  # moved\n")
            .Delete("domains/sales/domain.yaml")
            .Symlink("domains/sales/domain.yaml", "../shared/domain.yaml");
        var headCommit = git.Commit("head");

        var changes = git.Open().ChangedFiles(baseCommit, headCommit);

        Assert.Equal(
            [
                new FileChange(ChangeKind.Renamed, "domains/sales/contracts/orders-v1.odcs.yaml", "domains/sales/contracts/orders.odcs.yaml"),
                new FileChange(ChangeKind.TypeChanged, "domains/sales/domain.yaml"),
                new FileChange(ChangeKind.Modified, "mesh.yaml"),
                new FileChange(ChangeKind.Added, "teams/new.yaml"),
                new FileChange(ChangeKind.Deleted, "teams/old.yaml"),
            ],
            changes);
    }

    [Fact]
    public void A_rewritten_file_under_a_new_name_is_a_delete_and_an_add_not_a_rename()
    {
        using var git = GitTestRepository.Create();
        var baseCommit = git.Write("teams/a.yaml", Contract).Commit("base");
        git.Delete("teams/a.yaml").Write("teams/b.yaml", "completely: different\ncontent: here\n");
        var headCommit = git.Commit("head");

        var changes = git.Open().ChangedFiles(baseCommit, headCommit);

        Assert.Equal([new FileChange(ChangeKind.Deleted, "teams/a.yaml"), new FileChange(ChangeKind.Added, "teams/b.yaml")], changes);
    }

    [Fact]
    public void Against_the_working_tree_untracked_files_are_added_and_ignored_files_are_not()
    {
        using var git = GitTestRepository.Create();
        var baseCommit = git
            .Write(".gitignore", "*.tmp\n.meshgov/\n")
            .Write("mesh.yaml", "name: one\n")
            .Write("teams/gone.yaml", "id: gone\n")
            .Commit("base");
        git.Write("mesh.yaml", "name: edited, not committed\n")
            .Delete("teams/gone.yaml")
            .Write("teams/untracked.yaml", "id: new\n")
            .Write("teams/staged.yaml", "id: staged\n")
            .Write("teams/scratch.tmp", "ignored\n")
            .Write(".meshgov/cache.bin", "ignored\n");
        git.Git("add", "teams/staged.yaml");

        var changes = git.Open().ChangedFiles(baseCommit, headCommit: null);

        Assert.Equal(
            [
                new FileChange(ChangeKind.Modified, "mesh.yaml"),
                new FileChange(ChangeKind.Deleted, "teams/gone.yaml"),
                new FileChange(ChangeKind.Added, "teams/staged.yaml"),
                new FileChange(ChangeKind.Added, "teams/untracked.yaml"),
            ],
            changes);
    }

    [Fact]
    public void Working_tree_mode_includes_commits_made_after_the_base()
    {
        using var git = GitTestRepository.Create();
        var baseCommit = git.Write("mesh.yaml", "name: one\n").Commit("base");
        git.Write("teams/committed.yaml", "id: c\n").Commit("later");

        var changes = git.Open().ChangedFiles(baseCommit, headCommit: null);

        Assert.Equal([new FileChange(ChangeKind.Added, "teams/committed.yaml")], changes);
    }

    [Fact]
    public void File_names_with_spaces_quotes_newlines_tabs_and_non_ascii_survive()
    {
        string[] names = ["teams/with space.yaml", "teams/quo\"te.yaml", "teams/new\nline.yaml", "teams/tab\there.yaml", "domains/zürich/domäne 東京.yaml"];
        using var git = GitTestRepository.Create();
        var baseCommit = git.Write("mesh.yaml", "name: one\n").Commit("base");
        foreach (var name in names)
        {
            git.Write(name, "id: " + Guid.NewGuid() + "\n");
        }

        var headCommit = git.Commit("odd names");
        var untracked = "teams/untracked \"odd\"\nname ü.yaml";
        git.Write(untracked, "id: u\n");
        var repository = git.Open();

        var committed = repository.ChangedFiles(baseCommit, headCommit);
        var working = repository.ChangedFiles(baseCommit, null);

        Assert.Equal(names.Order(StringComparer.Ordinal), committed.Select(c => c.Path));
        Assert.All(committed, c => Assert.Equal(ChangeKind.Added, c.Kind));
        Assert.Equal(names.Append(untracked).Order(StringComparer.Ordinal), working.Select(c => c.Path));
    }

    [Fact]
    public void A_base_that_is_not_a_revision_is_refused_before_diffing()
    {
        using var git = GitTestRepository.Create();
        git.Write("mesh.yaml", "name: one\n").Commit("base");

        Assert.Throws<GitException>(() => git.Open().ChangedFiles("--output=diff.txt", null));
        Assert.False(File.Exists(git.PathOf("diff.txt")));
    }
}
