namespace MeshGovernance.Policies.Isolation;

/// <summary>How to start a worker: meshgov itself, with the hidden subcommand.</summary>
/// <param name="FileName">The meshgov executable, or the dotnet host that runs meshgov.dll.</param>
/// <param name="Arguments">The arguments before the subcommand (meshgov.dll when run by the dotnet host).</param>
public sealed record WorkerLaunch(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>
    /// The launch of the running meshgov: its apphost when it was started through one (an installed tool), or
    /// the dotnet host with the assembly (<c>dotnet meshgov.dll</c>, and the test host, which loads meshgov.dll).
    /// </summary>
    public static WorkerLaunch Of(string meshgovAssembly, string? processPath, string? dotnetHostPath)
    {
        var processName = Path.GetFileNameWithoutExtension(processPath ?? string.Empty);
        if (processPath is not null && meshgovAssembly.Length == 0)
        {
            // A single-file publish has no assembly on disk: the executable is all there is.
            return new WorkerLaunch(processPath, []);
        }

        if (processPath is not null && string.Equals(processName, Path.GetFileNameWithoutExtension(meshgovAssembly), StringComparison.OrdinalIgnoreCase))
        {
            return new WorkerLaunch(processPath, []);
        }

        var host = string.Equals(processName, "dotnet", StringComparison.OrdinalIgnoreCase) ? processPath!
            : dotnetHostPath is { Length: > 0 } ? dotnetHostPath
            : "dotnet";
        return new WorkerLaunch(host, [meshgovAssembly]);
    }
}
