using System.Text;

namespace MeshGovernance.Git.Tests;

public class NameStatusParserTests
{
    [Fact]
    public void Copies_are_added_files_and_unmerged_paths_are_modified()
    {
        var output = Encoding.UTF8.GetBytes("C075\0teams/a.yaml\0teams/b.yaml\0U\0mesh.yaml\0R100\0x\0y\0");

        var changes = NameStatusParser.Parse(output);

        Assert.Equal(
            [new FileChange(ChangeKind.Added, "teams/b.yaml"), new FileChange(ChangeKind.Modified, "mesh.yaml"), new FileChange(ChangeKind.Renamed, "y", "x")],
            changes);
    }

    [Theory]
    [InlineData("R100\0only-one-path\0")]
    [InlineData("Q\0mesh.yaml\0")]
    [InlineData("M\0")]
    public void Output_this_version_does_not_understand_is_a_git_exception(string output)
    {
        Assert.Throws<GitException>(() => NameStatusParser.Parse(Encoding.UTF8.GetBytes(output)));
    }

    [Fact]
    public void A_path_that_is_not_utf8_is_a_git_exception_not_a_mangled_name()
    {
        byte[] output = [(byte)'A', 0, (byte)'a', 0xFF, (byte)'b', 0];

        Assert.Throws<GitException>(() => NameStatusParser.Parse(output));
    }
}
