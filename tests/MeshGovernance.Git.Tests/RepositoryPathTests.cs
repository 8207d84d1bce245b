namespace MeshGovernance.Git.Tests;

public class RepositoryPathTests
{
    [Theory]
    [InlineData("mesh.yaml", true)]
    [InlineData("teams/with space.yaml", true)]
    [InlineData("domains/..hidden/x.yaml", true)]
    [InlineData("", false)]
    [InlineData("/etc/passwd", false)]
    [InlineData("../x", false)]
    [InlineData("teams/../../x", false)]
    [InlineData("teams/./x", false)]
    [InlineData("teams//x", false)]
    [InlineData("teams/", false)]
    public void Only_plain_relative_paths_are_safe(string path, bool safe)
    {
        Assert.Equal(safe, RepositoryPath.IsSafeRelative(path));
    }

    [Fact]
    public void Below_refuses_to_go_through_a_link_inside_the_root()
    {
        var root = GitTestRepository.NewTempFolder("meshgov-below");
        var outside = GitTestRepository.NewTempFolder("meshgov-below-outside");
        try
        {
            File.CreateSymbolicLink(Path.Combine(root, "teams"), outside);

            Assert.Throws<GitException>(() => RepositoryPath.Below(root, "teams/a.yaml"));
            Assert.Equal(Path.Combine(root, "mesh.yaml"), RepositoryPath.Below(root, "mesh.yaml"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
            Directory.Delete(outside, recursive: true);
        }
    }

    [Theory]
    [InlineData("teams/a.yaml", true)]
    [InlineData("teamsx/a.yaml", false)]
    [InlineData("mesh.yaml", true)]
    [InlineData("mesh.yaml.bak", false)]
    [InlineData("mesh.yaml/inside", true)]
    public void Prefixes_select_folders_and_exact_names(string path, bool selected)
    {
        Assert.Equal(selected, RepositoryPath.IsSelected(path, ["teams/", "mesh.yaml"]));
    }
}
