using System.Globalization;

namespace MeshGovernance.Policies.Isolation;

/// <summary>
/// The environment a worker starts with: only what the .NET runtime needs to start and find a temporary
/// folder, so that a policy that escaped every check would still find no token (GITHUB_TOKEN, ACTIONS_*,
/// cloud credentials) to steal. Plus the runtime settings that bound the worker.
/// </summary>
public static class WorkerEnvironment
{
    private static readonly HashSet<string> Kept = new(StringComparer.OrdinalIgnoreCase)
    {
        "PATH", "HOME", "TMPDIR", "TMP", "TEMP", "LANG", "LC_ALL",
        "DOTNET_ROOT", "DOTNET_ROOT_X64", "DOTNET_ROOT_ARM64", "DOTNET_ROOT(x86)",
        "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "DOTNET_SYSTEM_GLOBALIZATION_PREDEFINED_CULTURES_ONLY",
        "SystemRoot", "windir", "ProgramFiles", "ProgramFiles(x86)", "ProgramW6432",
    };

    /// <summary>The worker's environment, from the parent's.</summary>
    /// <param name="heapLimitBytes">The runtime's heap hard limit: an allocation past it is an OutOfMemoryException in the policy, not in the machine.</param>
    /// <param name="serverGc">
    /// For a worker that links a large mesh and runs every policy (<see cref="Engine.PolicyEngine.LinksInWorker"/>): server GC,
    /// as meshgov itself runs. At 10,000 + 10,000 a warm check took 5.6 s with it against 6.0–6.1 s with workstation GC
    /// (docs/performance.md). A deep recursion in a policy then stops more slowly on a busy machine (see below), within its budget.
    /// </param>
    public static Dictionary<string, string> For(IReadOnlyDictionary<string, string?> parent, long heapLimitBytes, bool serverGc = false)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in parent)
        {
            if (value is not null && Kept.Contains(name))
            {
                environment[name] = value;
            }
        }

        environment["DOTNET_GCHeapHardLimit"] = heapLimitBytes.ToString("X", CultureInfo.InvariantCulture);

        // Otherwise workstation GC with a large first generation: a policy that recursed deep makes every collection
        // walk a stack of a hundred thousand frames, and server GC's threads spin against each other on a busy runner.
        environment["DOTNET_gcServer"] = serverGc ? "1" : "0";
        environment["DOTNET_gcConcurrent"] = "0";
        if (!serverGc)
        {
            environment["DOTNET_GCgen0size"] = "4000000";
        }

        environment["DOTNET_DbgEnableMiniDump"] = "0";
        environment["DOTNET_EnableCrashReport"] = "0";
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        return environment;
    }
}
