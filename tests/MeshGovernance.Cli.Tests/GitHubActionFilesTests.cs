using System.Diagnostics;
using System.Text.Json;
using MeshGovernance.Testing;
using YamlDotNet.RepresentationModel;
using static MeshGovernance.Cli.Tests.WorkflowYaml;

namespace MeshGovernance.Cli.Tests;

/// <summary>
/// The composite action's check step, run by bash with the inputs as Actions would pass them (the template
/// workflows are TemplateWorkflowTests', the install step ActionInstallTests').
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
        Assert.Equal(["exit-code=0", "blocking=0", $"sarif={Path.Combine(_work.Root, "meshgov.sarif")}"], run.GitHubOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
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
        Assert.Equal(["exit-code=1", "blocking=2", $"sarif={Path.Combine(_work.Root, "meshgov.sarif")}"], run.GitHubOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        // The version bump and the consumers it would break; the blocking output agrees with the log.
        Assert.Contains("contract-version-bump", run.Output, StringComparison.Ordinal);
        Assert.Contains("breaking-change-consumers", run.Output, StringComparison.Ordinal);
        Assert.Contains("2 blocking findings", run.Output, StringComparison.Ordinal);
    }

    /// <summary>Runs the action's "meshgov check" step script with bash, as the runner would: inputs in the environment, meshgov on the PATH.</summary>
    private (int ExitCode, string Output, string Error, string GitHubOutput) RunActionStep(string repositoryRoot, string baseCommit, string? formats = null)
    {
        var action = Load("action.yml");
        var inputs = (YamlMappingNode)action["inputs"];
        string Default(string input) => Text((YamlMappingNode)inputs[input], "default") ?? string.Empty;
        var step = ActionSteps(action).Single(s => Text(s, "id") == "check");

        var tools = Path.Combine(_work.Root, "tools");
        Directory.CreateDirectory(tools);
        var wrapper = Path.Combine(tools, "meshgov");
        ExecutableScript.Write(wrapper, $"#!/bin/sh\nexec dotnet '{Path.Combine(AppContext.BaseDirectory, "meshgov.dll")}' \"$@\"\n");
        var gitHubOutput = Path.Combine(_work.Root, "github-output");
        File.WriteAllText(gitHubOutput, string.Empty);
        var runnerTemp = Directory.CreateDirectory(Path.Combine(_work.Root, "runner-temp")).FullName;

        var start = new ProcessStartInfo("bash") { WorkingDirectory = _work.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Text(step, "run")!);
        start.Environment["PATH"] = tools + ":" + Environment.GetEnvironmentVariable("PATH");
        start.Environment["GITHUB_OUTPUT"] = gitHubOutput;
        start.Environment["GITHUB_WORKSPACE"] = _work.Root;
        start.Environment["RUNNER_TEMP"] = runnerTemp;
        start.Environment["MESHGOV_CACHE_DIR"] = Path.Combine(_work.Root, "cache");
        start.Environment["INPUT_REPO_PATH"] = repositoryRoot;
        start.Environment["INPUT_BASE"] = baseCommit;
        start.Environment["INPUT_HEAD"] = Default("head");
        start.Environment["INPUT_FORMATS"] = formats ?? Default("formats");
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
}
