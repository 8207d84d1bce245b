using System.Reflection;

namespace MeshGovernance.Policies.Compilation;

/// <summary>
/// Compiled policies keyed as <see cref="PolicyCache"/> keys them, read-only: the built-in pack, compiled when
/// meshgov itself was built (build/PolicyPackCompiler) and embedded in it as resources named
/// <c>precompiled-policies/&lt;key&gt;.dll</c>, so that a run with an empty cache does not start the compiler for it.
/// An entry serves only the engine build and runtime version it was compiled for; any other misses and compiles.
/// The same entries ship as assemblies meshgov references (<see cref="BuiltInPackPrecompiler.AssembliesFolder"/>):
/// loaded by name, they run the code a ReadyToRun publish compiled ahead, which an assembly loaded from bytes never
/// does; the embedded copies serve a meshgov that runs without them (a test host, a build that did not publish them).
/// </summary>
public sealed class PrecompiledPolicies
{
    public const string ResourcePrefix = "precompiled-policies/";

    private readonly Func<string, byte[]?> _read;
    private readonly Func<string, bool> _holds;
    private readonly Func<string, Assembly>? _loadByName;

    /// <summary>Set once a load by name found no assembly: the pack ships whole or not at all, so the others are not tried.</summary>
    private volatile bool _loadingByNameStopped;

    private PrecompiledPolicies(Func<string, byte[]?> read, Func<string, bool> holds, Func<string, Assembly>? loadByName)
    {
        _read = read;
        _holds = holds;
        _loadByName = loadByName;
    }

    /// <summary>The entries embedded in <paramref name="assembly"/> (none when it was built without them), and the assemblies it ships them as.</summary>
    public static PrecompiledPolicies EmbeddedIn(Assembly assembly) => new(
        key =>
        {
            using var stream = assembly.GetManifestResourceStream(ResourcePrefix + key + ".dll");
            if (stream is null)
            {
                return null;
            }

            var image = new byte[stream.Length];
            stream.ReadExactly(image);
            return image;
        },
        key => assembly.GetManifestResourceInfo(ResourcePrefix + key + ".dll") is not null,
        // From meshgov's own dependencies (beside it, or inside a single-file meshgov); set as the name, never parsed.
        name => Assembly.Load(new AssemblyName { Name = name }));

    /// <summary>
    /// Entries served by <paramref name="read"/>, a key to an image or null, and by <paramref name="loadByName"/>, an
    /// assembly name to the assembly (throwing <see cref="FileNotFoundException"/> when there is none).
    /// </summary>
    public static PrecompiledPolicies From(Func<string, byte[]?> read, Func<string, Assembly>? loadByName = null) =>
        new(read, _ => true, loadByName);

    public byte[]? TryRead(string key) => _read(key);

    /// <summary>
    /// The entry for <paramref name="key"/> as the assembly meshgov ships it as, named by <paramref name="assemblyName"/>
    /// (asked only for a key the pack holds: a repository's policy never has meshgov look an assembly up by a name it
    /// chose), or null when the pack has no such entry or meshgov runs without its pack assemblies.
    /// </summary>
    public Assembly? TryLoadInstalled(string key, Func<string> assemblyName)
    {
        if (_loadByName is null || _loadingByNameStopped || !_holds(key))
        {
            return null;
        }

        try
        {
            return _loadByName(assemblyName());
        }
        catch (Exception ex) when (ex is IOException or BadImageFormatException)
        {
            // Not shipped (a test host), or damaged: the embedded copies serve, and no other is asked for.
            StopLoadingByName();
            return null;
        }
    }

    /// <summary>Stops loading the pack by name: the assemblies are missing or one of them proved unusable.</summary>
    public void StopLoadingByName() => _loadingByNameStopped = true;
}
