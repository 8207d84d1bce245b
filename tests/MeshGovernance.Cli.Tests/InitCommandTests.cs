using MeshGovernance.Cli.Commands;
using MeshGovernance.Testing;

namespace MeshGovernance.Cli.Tests;

public class InitCommandTests
{
    [Fact]
    public void Creates_a_mesh_from_the_template_that_validates_cleanly()
    {
        using var target = TempMeshRepository.Empty();
        var folder = Path.Combine(target.Root, "new-mesh");

        var init = CliRun.Of("init", folder);
        var validate = CliRun.Of("validate", "--repo", folder);

        Assert.Equal(0, init.ExitCode);
        Assert.Equal(0, validate.ExitCode);
        Assert.True(File.Exists(Path.Combine(folder, ".github", "CODEOWNERS")), "dot-folders of the template are copied");
        Assert.True(File.Exists(Path.Combine(folder, ".vscode", "settings.json")));
        Assert.True(File.Exists(Path.Combine(folder, ".meshgov", "schemas", "odcs-v3.1.schema.json")), "the editor schemas are written");
        Assert.True(File.Exists(Path.Combine(folder, ".meshgov", "schemas", "odcs-v3.0.2.schema.json")), "the ODCS v3.0.x schemas are written too");
        var templateFiles = Directory.GetFiles(RepositoryPaths.Template, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepositoryPaths.Template, f))
            .Where(f => !f.StartsWith(".meshgov", StringComparison.Ordinal));
        // Workflows are copied pinned to this meshgov when it is a release (VersionTests), as they are otherwise.
        Assert.All(templateFiles, f =>
        {
            var template = File.ReadAllText(Path.Combine(RepositoryPaths.Template, f));
            var expected = WorkflowPinning.AppliesTo(f.Replace('\\', '/')) ? WorkflowPinning.Pin(template, BuildInfo.Current) : template;
            Assert.Equal(expected, File.ReadAllText(Path.Combine(folder, f)));
        });
        Assert.Contains(BuildInfo.Current.IsRelease ? $"run meshgov {BuildInfo.Current.Version}" : $"run meshgov {WorkflowPinning.TemplateVersion}", init.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_to_overwrite_and_writes_nothing()
    {
        using var target = TempMeshRepository.Empty().Write("mesh.yaml", "mine: true\n");

        var run = CliRun.Of("init", target.Root);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("mesh.yaml", run.Error);
        Assert.Equal("mine: true\n", File.ReadAllText(target.PathOf("mesh.yaml")));
        Assert.False(Directory.Exists(target.PathOf("teams")), "nothing is written when any file conflicts");
    }

    [Fact]
    public void Refuses_to_overwrite_the_editor_schemas_either()
    {
        using var target = TempMeshRepository.Empty().Write(".meshgov/schemas/mesh.schema.json", "{}");

        var run = CliRun.Of("init", target.Root);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(".meshgov/schemas/mesh.schema.json", run.Error);
        Assert.Equal("{}", File.ReadAllText(target.PathOf(".meshgov/schemas/mesh.schema.json")));
    }

    [Fact]
    public void Requires_a_directory_argument()
    {
        var run = CliRun.Of("init");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("meshgov init --help", run.Error);
    }
}
