using MeshGovernance.Policies.Isolation;
using MeshGovernance.Results;

namespace MeshGovernance.Cli.Tests;

/// <summary>What the tests of a check through the worker share: a pool of the meshgov.dll beside the tests, and the report comparison.</summary>
internal static class WorkerChecks
{
    /// <summary>The environment the worker is started from: what the runtime needs, nothing else.</summary>
    private static readonly IReadOnlyDictionary<string, string?> Environment = new Dictionary<string, string?>
    {
        ["PATH"] = System.Environment.GetEnvironmentVariable("PATH"),
        ["HOME"] = System.Environment.GetEnvironmentVariable("HOME"),
        ["DOTNET_ROOT"] = System.Environment.GetEnvironmentVariable("DOTNET_ROOT"),
    };

    /// <summary>A pool whose workers are meshgov itself, as the tests' meshgov.dll is launched (or <paramref name="launch"/>).</summary>
    public static PolicyWorkerPool Pool(WorkerLaunch? launch = null) => new(
        launch ?? WorkerLaunch.Of(Path.Combine(AppContext.BaseDirectory, "meshgov.dll"), System.Environment.ProcessPath, System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH")),
        Environment);

    /// <summary>The same findings, policies (ran, and on which subjects) and waivers.</summary>
    public static void AssertSameReport(CheckResult expected, CheckResult actual)
    {
        Assert.Equal(expected.Diagnostics, actual.Diagnostics);
        Assert.Equal(
            expected.Policies.Select(p => (p.Metadata.Id, p.Ran, string.Join(',', p.Subjects))),
            actual.Policies.Select(p => (p.Metadata.Id, p.Ran, string.Join(',', p.Subjects))));
        Assert.Equal(expected.Waivers.Select(w => w.ToString()), actual.Waivers.Select(w => w.ToString()));
    }
}
