using System.Reflection;
using System.Text.RegularExpressions;
using MeshGovernance.Cli.Commands;
using MeshGovernance.Testing;

namespace MeshGovernance.Cli.Tests;

/// <summary>One version from the git tag, the commit beside it, and workflows pinned to the meshgov that writes them.</summary>
public class VersionTests
{
    [Fact]
    public void Version_prints_the_version_from_the_tag_and_the_commit_it_was_built_from()
    {
        var run = CliRun.Of("--version");

        Assert.Equal(0, run.ExitCode);
        var match = Regex.Match(run.Output.Trim(), @"^meshgov (\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?) \(commit ([0-9a-f]{12})\)$");
        Assert.True(match.Success, run.Output);
        var fileVersion = typeof(MeshgovApp).Assembly.GetCustomAttribute<AssemblyFileVersionAttribute>()!.Version;
        Assert.Equal(fileVersion[..fileVersion.LastIndexOf('.')], match.Groups[1].Value.Split('-')[0]);
        var head = GitMeshRepository.Run(RepositoryPaths.ProjectRoot, "rev-parse", "HEAD").Trim();
        Assert.Equal(head[..12], match.Groups[2].Value);
    }

    [Theory]
    [InlineData("0.3.1+0123456789abcdef0123456789abcdef01234567", "0.3.1", "0123456789abcdef0123456789abcdef01234567")]
    [InlineData("1.0.0-rc.2.5+0123456789abcdef0123456789abcdef01234567", "1.0.0-rc.2.5", "0123456789abcdef0123456789abcdef01234567")]
    [InlineData("0.1.0", "0.1.0", null)]
    [InlineData("0.1.0+build.7", "0.1.0", null)]
    public void Build_info_splits_the_informational_version_into_version_and_commit(string informational, string version, string? commit)
    {
        var info = BuildInfo.Read(new FakeAssembly(informational));

        Assert.Equal(version, info.Version);
        Assert.Equal(commit, info.Commit);
        Assert.Equal(commit is null ? $"meshgov {version}" : $"meshgov {version} (commit {commit[..12]})", info.Describe());
    }

    private const string Workflow = """
        jobs:
          check:
            steps:
              - uses: actions/setup-dotnet@67a3573c9a986a3f9c594539f4ab511d57bb3ce9 # v4.3.1
                with:
                  version: 0.1.0
              - name: meshgov check
                uses: meshgovernance/meshgov@v0.1.0
                with:
                  version: 0.1.0
                  formats: text
              - uses: meshgovernance/meshgov@v0.1.0
                with: { version: 0.1.0 }
              - name: after
                with:
                  version: 0.1.0
        """;

    [Fact]
    public void A_release_pins_the_template_action_to_its_own_commit_and_version()
    {
        var release = new BuildInfo("1.4.2", new string('a', 40), "https://github.com/acme/meshgov", "acme/meshgov", IsRelease: true);

        var pinned = WorkflowPinning.Pin(Workflow, release);

        var sha = new string('a', 40);
        Assert.Contains($"\n        uses: acme/meshgov@{sha} # v1.4.2\n        with:\n          version: 1.4.2\n          formats: text\n", pinned, StringComparison.Ordinal);
        Assert.Contains($"\n      - uses: acme/meshgov@{sha} # v1.4.2\n        with: {{ version: 0.1.0 }}\n", pinned, StringComparison.Ordinal);
        Assert.DoesNotContain("meshgovernance/meshgov", pinned, StringComparison.Ordinal);
        // Another step's input of the same name, and a flow mapping it cannot rewrite safely, are left alone.
        Assert.Equal(3, Regex.Count(pinned, "version: 0.1.0"));
    }

    [Fact]
    public void A_development_build_leaves_the_template_workflows_as_they_are()
    {
        var development = new BuildInfo("0.2.0-alpha.0.12", new string('b', 40), "https://github.com/meshgovernance/meshgov", "meshgovernance/meshgov", IsRelease: false);

        Assert.Equal(Workflow, WorkflowPinning.Pin(Workflow, development));
    }

    [Fact]
    public void Every_template_workflow_that_runs_meshgov_names_the_reference_init_pins()
    {
        var workflows = Directory.GetFiles(Path.Combine(RepositoryPaths.Template, ".github", "workflows"));
        Assert.NotEmpty(workflows);
        foreach (var workflow in workflows)
        {
            var text = File.ReadAllText(workflow);
            foreach (Match uses in Regex.Matches(text, @"uses:\s*(\S*meshgov\S*)"))
            {
                Assert.Equal(WorkflowPinning.TemplateReference, uses.Groups[1].Value);
            }
        }
    }

    /// <summary>Just enough of an assembly for <see cref="BuildInfo.Read"/>: its informational version and the repository metadata.</summary>
    private sealed class FakeAssembly(string informationalVersion) : Assembly
    {
        public override object[] GetCustomAttributes(Type attributeType, bool inherit) => attributeType switch
        {
            // Typed arrays: the reflection helpers cast the result to the attribute's array type.
            _ when attributeType == typeof(AssemblyInformationalVersionAttribute) => new[] { new AssemblyInformationalVersionAttribute(informationalVersion) },
            _ when attributeType == typeof(AssemblyMetadataAttribute) => new AssemblyMetadataAttribute[]
            {
                new("MeshgovRepository", "acme/meshgov"), new("MeshgovServerUrl", "https://github.com"), new("MeshgovReleaseBuild", "false"),
            },
            _ => (object[])Array.CreateInstance(attributeType, 0),
        };
    }
}
