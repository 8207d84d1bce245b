using MeshGovernance.Policies.Isolation;

namespace MeshGovernance.Cli;

/// <summary>
/// The worker process of one meshgov command, started when a command first asks for it (before it reads the files of the
/// mesh, so the two overlap) and ended with the command. The worker is meshgov itself, with the command's
/// environment minus every secret.
/// </summary>
internal sealed class PolicyWorkers(IReadOnlyDictionary<string, string?> environment) : IDisposable
{
    /// <summary>The environment meshgov runs with (the process's, or a test's).</summary>
    public IReadOnlyDictionary<string, string?> Environment => environment;

    private PolicyWorkerPool? _pool;

    private PolicyWorkerPool Pool
    {
        get
        {
            if (_pool is null)
            {
                // A single-file build has no meshgov.dll on disk: then the executable itself is the worker.
                var assembly = Path.Combine(AppContext.BaseDirectory, "meshgov.dll");
                var launch = WorkerLaunch.Of(File.Exists(assembly) ? assembly : string.Empty, System.Environment.ProcessPath, environment.GetValueOrDefault("DOTNET_HOST_PATH"));
                _pool = new PolicyWorkerPool(launch, environment);
            }

            return _pool;
        }
    }

    /// <summary>
    /// The pool for a command on the mesh at <paramref name="meshRoot"/>, its worker already starting when the
    /// mesh has policies of its own (the built-in pack runs in this process), so that its start-up overlaps the
    /// loading of the mesh. Otherwise a worker starts only if a check asks for one.
    /// </summary>
    /// <param name="startEarly">False for a caller that starts the worker itself once it has scanned the mesh (a plain <c>check</c>, which chooses the worker's GC by the mesh's size).</param>
    public PolicyWorkerPool For(string meshRoot, bool startEarly = true)
    {
        var pool = Pool;
        if (!startEarly)
        {
            return pool;
        }

        var policies = Path.Combine(meshRoot, "governance", "policies");
        try
        {
            if (Directory.Exists(policies) && Directory.EnumerateFiles(policies, "*.csx").Any())
            {
                pool.StartEarly();
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Only a head start is lost: the loader reports the folder, and a check that needs a worker starts one.
        }

        return pool;
    }

    public void Dispose() => _pool?.Dispose();
}
