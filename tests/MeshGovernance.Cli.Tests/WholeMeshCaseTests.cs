using MeshGovernance.Testing;

namespace MeshGovernance.Cli.Tests;

/// <summary>
/// Whole-mesh cases, in the style of Bicep's baselines: each folder of <c>cases/</c> holds a small mesh
/// (<c>mesh/</c>), a README saying what it shows, and <c>check.txt</c>, the exit code and the output of
/// <c>meshgov check --format text</c> on it. A change of behaviour shows as a diff of check.txt; refresh them
/// with <c>MESHGOV_UPDATE_GOLDEN=1 dotnet test --filter WholeMeshCaseTests</c> and read the diff before committing.
/// </summary>
public sealed class WholeMeshCaseTests : IClassFixture<PolicyCacheFixture>
{
    private static readonly string Cases = Path.Combine(RepositoryPaths.ProjectRoot, "tests", "MeshGovernance.Cli.Tests", "cases");

    private readonly PolicyCacheFixture _cache;

    public WholeMeshCaseTests(PolicyCacheFixture cache) => _cache = cache;

    public static TheoryData<string> CaseNames() => new(Names());

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void The_check_of_each_case_matches_its_baseline(string name)
    {
        var folder = Path.Combine(Cases, name);
        Assert.True(File.Exists(Path.Combine(folder, "README.md")), $"case '{name}' has no README.md saying what it shows");

        var run = CliRun.Of("check", "--repo", Path.Combine(folder, "mesh"), "--format", "text", "--cache-dir", _cache.Folder, "--today", "2026-11-22");
        var actual = $"exit code: {run.ExitCode}\n\n{run.Output}";
        if (run.Error.Length > 0)
        {
            actual += $"\nstandard error:\n{run.Error}";
        }

        var expectedFile = Path.Combine(folder, "check.txt");
        if (Environment.GetEnvironmentVariable("MESHGOV_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(expectedFile, actual);
        }

        Assert.True(File.Exists(expectedFile), $"case '{name}' has no check.txt; run with MESHGOV_UPDATE_GOLDEN=1 to write it");
        Assert.Equal(File.ReadAllText(expectedFile).ReplaceLineEndings("\n"), actual.ReplaceLineEndings("\n"));
    }

    private static List<string> Names() => Directory.EnumerateDirectories(Cases).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public void Every_case_is_a_folder_with_a_mesh_and_a_baseline()
    {
        var names = Names();

        Assert.True(names.Count >= 7, $"{names.Count} cases");
        Assert.All(names, name => Assert.True(Directory.Exists(Path.Combine(Cases, name, "mesh")), $"case '{name}' has no mesh/ folder"));
    }
}
