using System.Diagnostics;
using System.Text.Json;
using MeshGovernance.Testing;
using YamlDotNet.RepresentationModel;

namespace MeshGovernance.Cli.Tests;

/// <summary>
/// The files a mesh repository takes from us for GitHub Actions: the composite action's own script, run by
/// bash with the inputs as Actions would pass them, and the template workflows' security settings.
/// </summary>
public sealed class GitHubActionFilesTests : IDisposable
{
    private const string Contract = "domains/payments/contracts/payment-transactions.odcs.yaml";
    private readonly TempMeshRepository _work = TempMeshRepository.Empty();

    public void Dispose() => _work.Dispose();

    [Fact]
    public void The_action_runs_meshgov_check_with_its_default_inputs_and_reports_the_exit_code()
    {
        using var repo = GitMeshRepository.FromFolder(RepositoryPaths.Template);
        var baseCommit = repo.Git("rev-parse", "HEAD").Trim();
        repo.Branch("reword");
        repo.Replace(Contract, "description: One row per payment attempt.", "description: One row per payment attempt, failed ones included.");
        repo.Commit("Reword");

        var run = RunActionStep(repo.Root, baseCommit);

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Contains("exit-code=0", run.GitHubOutput, StringComparison.Ordinal);
        // The default formats: text to the log, SARIF to meshgov.sarif (not the other way round).
        Assert.Contains("0 blocking findings", run.Output, StringComparison.Ordinal);
        Assert.Contains("Pull request: 1 changed file", run.Output, StringComparison.Ordinal);
        using var sarif = JsonDocument.Parse(File.ReadAllText(Path.Combine(_work.Root, "meshgov.sarif")));
        Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
    }

    [Fact]
    public void The_action_passes_a_blocking_result_on_as_its_exit_code_and_output()
    {
        using var repo = GitMeshRepository.FromFolder(RepositoryPaths.Template);
        var baseCommit = repo.Git("rev-parse", "HEAD").Trim();
        repo.Branch("retype");
        repo.Replace(Contract, "physicalType: varchar(20)", "physicalType: varchar(10)");
        repo.Commit("Narrow the method column");

        var run = RunActionStep(repo.Root, baseCommit);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("exit-code=1", run.GitHubOutput, StringComparison.Ordinal);
        Assert.Contains("contract-version-bump", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_template_workflows_run_on_pull_request_with_least_privilege()
    {
        var governance = Load(Path.Combine(RepositoryPaths.Template, ".github", "workflows", "governance.yml"));
        var policyTests = Load(Path.Combine(RepositoryPaths.Template, ".github", "workflows", "policy-tests.yml"));

        foreach (var workflow in new[] { governance, policyTests })
        {
            var triggers = (YamlMappingNode)workflow["on"];
            Assert.True(triggers.Children.ContainsKey("pull_request"));
            Assert.False(triggers.Children.ContainsKey("pull_request_target"), "pull_request_target runs a fork's code with a write token");
            var checkout = Steps(workflow).Single(s => Text(s, "uses")?.StartsWith("actions/checkout@", StringComparison.Ordinal) == true);
            Assert.Equal("0", Text((YamlMappingNode)checkout["with"], "fetch-depth"));
        }

        Assert.Equal(
            [("checks", "write"), ("contents", "read"), ("pull-requests", "write"), ("security-events", "write")],
            Pairs((YamlMappingNode)governance["permissions"]));
        Assert.Equal([("contents", "read")], Pairs((YamlMappingNode)policyTests["permissions"]));

        var steps = Steps(governance);
        var cache = steps.Single(s => Text(s, "uses")?.StartsWith("actions/cache@", StringComparison.Ordinal) == true);
        Assert.Equal("${{ runner.temp }}/meshgov-cache", Text((YamlMappingNode)cache["with"], "path"));
        Assert.Contains(steps, s => Text(s, "uses")?.StartsWith("github/codeql-action/upload-sarif@", StringComparison.Ordinal) == true);
        Assert.Contains(steps, s => Text(s, "run")?.Contains("--github", StringComparison.Ordinal) == true);
        Assert.Contains(steps, s => Text(s, "run")?.Contains("meshgov codeowners --check", StringComparison.Ordinal) == true);

        var catalog = Load(Path.Combine(RepositoryPaths.Template, ".github", "workflows", "catalog.yml"));
        Assert.Equal(["main"], ((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)catalog["on"])["push"])["branches"]).Children.Select(n => ((YamlScalarNode)n).Value));
        Assert.Equal([("contents", "read"), ("id-token", "write"), ("pages", "write")], Pairs((YamlMappingNode)catalog["permissions"]));
        Assert.Contains(Steps(catalog), s => Text(s, "run")?.StartsWith("meshgov site --out", StringComparison.Ordinal) == true);
        Assert.Contains(Steps(catalog), s => Text(s, "uses")?.StartsWith("actions/deploy-pages@", StringComparison.Ordinal) == true);

        var paths = ((YamlMappingNode)((YamlMappingNode)policyTests["on"])["pull_request"])["paths"];
        Assert.Contains("governance/**", ((YamlSequenceNode)paths).Children.Select(n => ((YamlScalarNode)n).Value));
        Assert.Contains(Steps(policyTests), s => Text(s, "run")?.StartsWith("meshgov policy test", StringComparison.Ordinal) == true);
    }

    /// <summary>Runs the action's "meshgov check" step script with bash, as the runner would: inputs in the environment, meshgov on the PATH.</summary>
    private (int ExitCode, string Output, string Error, string GitHubOutput) RunActionStep(string repositoryRoot, string baseCommit)
    {
        var action = Load(Path.Combine(RepositoryPaths.ProjectRoot, "action.yml"));
        var inputs = (YamlMappingNode)action["inputs"];
        string Default(string input) => Text((YamlMappingNode)inputs[input], "default") ?? string.Empty;
        var step = ((YamlSequenceNode)((YamlMappingNode)action["runs"])["steps"]).Children.Cast<YamlMappingNode>().Single(s => Text(s, "id") == "check");

        var tools = Path.Combine(_work.Root, "tools");
        Directory.CreateDirectory(tools);
        var wrapper = Path.Combine(tools, "meshgov");
        File.WriteAllText(wrapper, $"#!/bin/sh\nexec dotnet '{Path.Combine(AppContext.BaseDirectory, "meshgov.dll")}' \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var gitHubOutput = Path.Combine(_work.Root, "github-output");
        File.WriteAllText(gitHubOutput, string.Empty);

        var start = new ProcessStartInfo("bash") { WorkingDirectory = _work.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Text(step, "run")!);
        start.Environment["PATH"] = tools + ":" + Environment.GetEnvironmentVariable("PATH");
        start.Environment["GITHUB_OUTPUT"] = gitHubOutput;
        start.Environment["MESHGOV_CACHE_DIR"] = Path.Combine(_work.Root, "cache");
        start.Environment["INPUT_REPO_PATH"] = repositoryRoot;
        start.Environment["INPUT_BASE"] = baseCommit;
        start.Environment["INPUT_HEAD"] = Default("head");
        start.Environment["INPUT_FORMATS"] = Default("formats");
        start.Environment["INPUT_CHECK_NAME"] = Default("check-name");
        start.Environment["INPUT_FETCH"] = Default("fetch");
        // Posting to GitHub is covered by PullRequestGitHubTests against the fake API.
        start.Environment["INPUT_GITHUB"] = "false";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), "the action step did not finish within three minutes");
        return (process.ExitCode, output.Result, error.Result, File.ReadAllText(gitHubOutput));
    }

    private static YamlMappingNode Load(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static List<YamlMappingNode> Steps(YamlMappingNode workflow) =>
        ((YamlMappingNode)workflow["jobs"]).Children.Values.Cast<YamlMappingNode>()
            .SelectMany(job => ((YamlSequenceNode)job["steps"]).Children.Cast<YamlMappingNode>())
            .ToList();

    private static string? Text(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;

    private static List<(string, string)> Pairs(YamlMappingNode node) =>
        node.Children.Select(e => (((YamlScalarNode)e.Key).Value!, ((YamlScalarNode)e.Value).Value!)).OrderBy(p => p.Item1, StringComparer.Ordinal).ToList();
}
