using System.Text.Json;
using MeshGovernance.Testing;
using MeshGovernance.Testing.GitHubApi;

namespace MeshGovernance.Cli.Tests;

/// <summary>
/// A mesh in a sub-folder of its repository (<c>repo-path: meshes/flowmart</c>): GitHub resolves annotation
/// paths, blob links and SARIF locations from the repository's root, so they carry the folder; the terminal
/// report stays relative to the mesh.
/// </summary>
public sealed class MeshInSubFolderTests : IClassFixture<PolicyCacheFixture>, IAsyncLifetime, IDisposable
{
    private const string Folder = "meshes/flowmart";
    private const string Contract = "domains/payments/contracts/payment-transactions.odcs.yaml";

    private readonly PolicyCacheFixture _cache;
    private readonly GitMeshRepository _repo = GitMeshRepository.FromFolder(RepositoryPaths.Template, Folder);
    private readonly string _baseSha;
    private readonly string _headSha;
    private FakeGitHub _github = null!;

    public MeshInSubFolderTests(PolicyCacheFixture cache)
    {
        _cache = cache;
        _baseSha = _repo.Git("rev-parse", "HEAD").Trim();
        _repo.Branch("retype");
        _repo.Replace($"{Folder}/{Contract}", "physicalType: varchar(20)", "physicalType: varchar(10)");
        _headSha = _repo.Commit("Narrow the method column");
    }

    public async Task InitializeAsync() => _github = await FakeGitHub.StartAsync();

    public async Task DisposeAsync() => await _github.DisposeAsync();

    public void Dispose() => _repo.Dispose();

    [Fact]
    public void Check_run_annotations_and_summary_links_point_at_paths_from_the_repository_root()
    {
        var summary = _repo.Root + "-summary.md";
        var sarif = _repo.Root + "-report.sarif";

        var run = Check(Environment(summary, fork: false), "--format", "sarif", "--output", sarif, "--format", "text");

        Assert.Equal(1, run.ExitCode);
        var annotations = Assert.Single(_github.CheckRuns).Annotations;
        Assert.NotEmpty(annotations);
        Assert.All(annotations, a => Assert.StartsWith(Folder + "/", a["path"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Contains(annotations, a => a["path"]!.GetValue<string>() == $"{Folder}/{Contract}");
        Assert.Contains($"https://github.example/acme/mesh/blob/{_headSha}/{Folder}/{Contract}#L", File.ReadAllText(summary), StringComparison.Ordinal);
        using var report = JsonDocument.Parse(File.ReadAllText(sarif));
        var uris = report.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()!)
            .ToList();
        Assert.Contains($"{Folder}/{Contract}", uris);
        Assert.All(uris, uri => Assert.StartsWith(Folder + "/", uri, StringComparison.Ordinal));
        // The log is for the person reading it in the mesh's folder.
        Assert.Contains(Contract + "(", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Folder + "/" + Contract + "(", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Workflow_command_annotations_for_a_fork_carry_the_folder_too()
    {
        var run = Check(Environment(stepSummary: null, fork: true), "--format", "text");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(run.Output.Split('\n'), l => l.StartsWith($"::error file={Folder}/{Contract},line=", StringComparison.Ordinal));
    }

    private CliRun Check(Dictionary<string, string?> environment, params string[] formats)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        string[] args = ["check", "--repo", Path.Combine(_repo.Root, Folder), "--base", _baseSha, "--github", "--cache-dir", _cache.Folder, "--today", "2026-11-22", .. formats];
        var code = new MeshgovApp(output, error, environment).Run(args);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    private Dictionary<string, string?> Environment(string? stepSummary, bool fork) =>
        PullRequestEnvironment.Create(_github, _repo.Root + "-event.json", 12, _baseSha, _headSha, "retype", stepSummary, fork);
}
