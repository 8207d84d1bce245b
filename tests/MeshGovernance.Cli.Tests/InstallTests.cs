using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using MeshGovernance.Testing;

namespace MeshGovernance.Cli.Tests;

/// <summary>
/// meshgov installed the ways users install it — the dotnet tool package from a feed, and the self-contained
/// binary on a machine without .NET — then used as a newcomer would: <c>init</c>, then <c>check</c>.
/// </summary>
[Collection(ReleaseArtifacts.Collection)]
public sealed class InstallTests : IDisposable
{
    private static readonly TimeSpan Minutes = TimeSpan.FromMinutes(5);
    private readonly TempMeshRepository _work = TempMeshRepository.Empty();

    public void Dispose() => _work.Dispose();

    [Fact]
    public void The_tool_package_installs_from_a_feed_and_checks_a_new_mesh()
    {
        var package = Assert.Single(Directory.GetFiles(ReleaseArtifacts.PackageFolder, "meshgov.*.nupkg"));
        var version = Path.GetFileNameWithoutExtension(package)["meshgov.".Length..];
        // Only the folder as a feed: a package of the same name elsewhere must not be picked up.
        var config = _work.Write("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{ReleaseArtifacts.PackageFolder}" />
              </packageSources>
            </configuration>
            """).PathOf("nuget.config");
        var tools = _work.PathOf("tools");

        var install = ReleaseArtifacts.Run("dotnet", _work.Root, Minutes, "tool", "install", "meshgov", "--tool-path", tools, "--version", version, "--configfile", config);
        Assert.True(install.ExitCode == 0, install.Output + install.Error);
        var meshgov = Path.Combine(tools, "meshgov");

        var versionRun = ReleaseArtifacts.Run(meshgov, _work.Root, Minutes, "--version");
        var init = ReleaseArtifacts.Run(meshgov, _work.Root, Minutes, "init", "my-mesh");
        var check = ReleaseArtifacts.Run(meshgov, _work.PathOf("my-mesh"), Minutes, "check", "--cache-dir", _work.PathOf("cache"), "--stats");

        Assert.StartsWith($"meshgov {version} (commit ", versionRun.Output, StringComparison.Ordinal);
        Assert.Equal(0, init.ExitCode);
        Assert.True(check.ExitCode == 0, check.Output + check.Error);
        Assert.Contains("0 blocking findings", check.Output, StringComparison.Ordinal);
        Assert.Contains("consent-for-customer-data", PolicyList(meshgov, _work.PathOf("my-mesh")), StringComparison.Ordinal);
        AssertBuiltInPackShippedCompiled(check.Error, meshOwnPolicies: 1);
    }

    [Fact]
    public void The_tool_package_ships_the_built_in_pack_as_assemblies_meshgov_depends_on()
    {
        // Shipped as meshgov's own dependencies, a check loads them by name (with the code a ReadyToRun publish compiles
        // ahead) instead of from the embedded copies; missing, nothing fails, every check is only slower.
        var package = Assert.Single(Directory.GetFiles(ReleaseArtifacts.PackageFolder, "meshgov.*.nupkg"));
        using var zip = ZipFile.OpenRead(package);
        var shipped = zip.Entries.Where(e => Regex.IsMatch(e.FullName, @"^tools/net10\.0/any/meshgov-policy-[a-z0-9-]+-[0-9a-f]{16}\.dll$")).Select(e => e.Name).ToList();
        using var depsStream = zip.Entries.Single(e => e.FullName == "tools/net10.0/any/meshgov.deps.json").Open();
        var deps = new StreamReader(depsStream).ReadToEnd();

        Assert.Equal(MeshGovernance.Policies.BuiltIn.BuiltInPolicies.Sources.Count, shipped.Count);
        Assert.All(shipped, name => Assert.Contains($"\"{name}\"", deps, StringComparison.Ordinal));
    }

    [Fact]
    public void The_tool_package_carries_complete_metadata()
    {
        var package = Assert.Single(Directory.GetFiles(ReleaseArtifacts.PackageFolder, "meshgov.*.nupkg"));
        using var zip = ZipFile.OpenRead(package);
        using var nuspecStream = zip.Entries.Single(e => e.FullName == "meshgov.nuspec").Open();
        var nuspec = XDocument.Load(nuspecStream);
        XNamespace ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        string Value(string name) => metadata.Element(ns + name)?.Value ?? string.Empty;

        Assert.Equal("meshgov", Value("id"));
        Assert.Equal("MIT", Value("license"));
        Assert.Equal("expression", metadata.Element(ns + "license")!.Attribute("type")!.Value);
        Assert.Equal("README.md", Value("readme"));
        Assert.Contains("data-contracts", Value("tags"), StringComparison.Ordinal);
        Assert.Contains("ODCS", Value("description"), StringComparison.Ordinal);
        var repository = metadata.Element(ns + "repository")!;
        Assert.Equal("git", repository.Attribute("type")!.Value);
        Assert.StartsWith("https://", repository.Attribute("url")!.Value, StringComparison.Ordinal);
        Assert.Equal(GitMeshRepository.Run(RepositoryPaths.ProjectRoot, "rev-parse", "HEAD").Trim(), repository.Attribute("commit")!.Value);
        Assert.Contains(zip.Entries, e => e.FullName == "README.md");
        Assert.Contains(zip.Entries, e => e.FullName == "LICENSE");
        Assert.Contains(zip.Entries, e => e.FullName.EndsWith("/any/meshgov.dll", StringComparison.Ordinal));
        Assert.Contains(zip.Entries, e => e.FullName.EndsWith("DotnetToolSettings.xml", StringComparison.Ordinal));
    }

    [Fact]
    public void The_single_file_binary_compiles_and_runs_an_organisation_policy_without_dotnet_on_the_path()
    {
        if (!ReleaseArtifacts.OnLinuxX64)
        {
            return; // The binary under test is the linux-x64 one; other platforms run it in the release workflow only.
        }

        var meshgov = ReleaseArtifacts.ExtractLinuxBinary(_work.PathOf("bin"));
        // No .NET: nothing on the PATH, no DOTNET_ROOT, a home of its own.
        var bare = new Dictionary<string, string> { ["PATH"] = _work.PathOf("empty-path"), ["HOME"] = _work.PathOf("home") };
        Directory.CreateDirectory(_work.PathOf("home"));
        var init = ReleaseArtifacts.Run(meshgov, _work.Root, Minutes, bare, "init", "my-mesh");
        Assert.True(init.ExitCode == 0, init.Output + init.Error);
        File.WriteAllText(_work.PathOf("my-mesh/governance/policies/teams-name-a-lead.csx"), """
            // ---
            // id: teams-name-a-lead
            // title: Every team names a lead among its members
            // enforcement: advisory
            // category: ownership
            // rationale: Written for the single-file test, so that a policy no cache has seen is compiled there.
            // ---
            var pattern = new Regex("^[a-z]+(-[a-z]+)*$");
            foreach (var team in Mesh.Teams.Where(t => pattern.IsMatch(t.Id)).OrderBy(t => t.Id))
            {
                Inform(team, $"Team '{team.Id}' was judged by a policy compiled in the single-file meshgov.");
            }
            """);

        var version = ReleaseArtifacts.Run(meshgov, _work.Root, Minutes, bare, "--version");
        var check = ReleaseArtifacts.Run(meshgov, _work.PathOf("my-mesh"), Minutes, bare, "check", "--stats");

        Assert.Matches(@"^meshgov \d+\.\d+\.\d+\S* \(commit [0-9a-f]{12}\)\n$", version.Output);
        Assert.True(check.ExitCode == 0, check.Output + check.Error);
        Assert.Contains("teams-name-a-lead: Team 'supply-chain' was judged by a policy compiled in the single-file meshgov.", check.Output, StringComparison.Ordinal);
        Assert.Contains("compiler loaded: yes (in the worker process)", check.Error, StringComparison.Ordinal);
        AssertBuiltInPackShippedCompiled(check.Error, meshOwnPolicies: 2);
        Assert.Contains("(0 could not run", check.Output, StringComparison.Ordinal);
        Assert.Contains("0 blocking findings", check.Output, StringComparison.Ordinal);

        var sums = File.ReadAllLines(Path.Combine(ReleaseArtifacts.BinaryFolder, "SHA256SUMS"));
        var archive = Assert.Single(Directory.GetFiles(ReleaseArtifacts.BinaryFolder, "meshgov-*-linux-x64.tar.gz"));
        using var stream = File.OpenRead(archive);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));
        Assert.Contains($"{hash}  {Path.GetFileName(archive)}", sums);
    }

    /// <summary>
    /// The run started with an empty cache, so every policy it did not compile came compiled inside meshgov: the
    /// built-in pack, embedded by the Release build. Only the mesh's own policies were compiled (in the worker).
    /// </summary>
    private static void AssertBuiltInPackShippedCompiled(string stats, int meshOwnPolicies)
    {
        var line = Regex.Match(stats, @"policies: (\d+) \((\d+) from cache, (\d+) compiled\)");
        Assert.True(line.Success, stats);
        Assert.Equal(meshOwnPolicies, int.Parse(line.Groups[3].Value, CultureInfo.InvariantCulture));
        Assert.Equal(int.Parse(line.Groups[1].Value, CultureInfo.InvariantCulture) - meshOwnPolicies, int.Parse(line.Groups[2].Value, CultureInfo.InvariantCulture));
        Assert.True(int.Parse(line.Groups[2].Value, CultureInfo.InvariantCulture) >= 15, stats);
    }

    private static string PolicyList(string meshgov, string mesh) => ReleaseArtifacts.Run(meshgov, mesh, Minutes, "policy", "list").Output;
}
