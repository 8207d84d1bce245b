using MeshGovernance.Policies.Isolation;

namespace MeshGovernance.Cli;

/// <summary>
/// The worker process of one meshgov command, started when a command first asks for it (before it loads the
/// mesh, so the two overlap) and ended with the command. The worker is meshgov itself, with the command's
/// environment minus every secret.
/// </summary>
internal sealed class PolicyWorkers(IReadOnlyDictionary<string, string?> environment) : IDisposable
{
    private PolicyWorkerPool? _pool;

    public PolicyWorkerPool Pool
    {
        get
        {
            if (_pool is null)
            {
                // A single-file build has no meshgov.dll on disk: then the executable itself is the worker.
                var assembly = Path.Combine(AppContext.BaseDirectory, "meshgov.dll");
                var launch = WorkerLaunch.Of(File.Exists(assembly) ? assembly : string.Empty, Environment.ProcessPath, environment.GetValueOrDefault("DOTNET_HOST_PATH"));
                _pool = new PolicyWorkerPool(launch, environment);
                _pool.StartEarly();
            }

            return _pool;
        }
    }

    public void Dispose() => _pool?.Dispose();
}
