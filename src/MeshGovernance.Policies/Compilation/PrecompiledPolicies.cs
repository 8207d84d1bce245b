using System.Reflection;

namespace MeshGovernance.Policies.Compilation;

/// <summary>
/// Compiled policies keyed as <see cref="PolicyCache"/> keys them, read-only: the built-in pack, compiled when
/// meshgov itself was built (build/PolicyPackCompiler) and embedded in it as resources named
/// <c>precompiled-policies/&lt;key&gt;.dll</c>, so that a run with an empty cache does not start the compiler for it.
/// An entry serves only the engine build and runtime version it was compiled for; any other misses and compiles.
/// </summary>
public sealed class PrecompiledPolicies
{
    public const string ResourcePrefix = "precompiled-policies/";

    private readonly Func<string, byte[]?> _read;

    private PrecompiledPolicies(Func<string, byte[]?> read) => _read = read;

    /// <summary>The entries embedded in <paramref name="assembly"/> (none when it was built without them).</summary>
    public static PrecompiledPolicies EmbeddedIn(Assembly assembly) => new(key =>
    {
        using var stream = assembly.GetManifestResourceStream(ResourcePrefix + key + ".dll");
        if (stream is null)
        {
            return null;
        }

        var image = new byte[stream.Length];
        stream.ReadExactly(image);
        return image;
    });

    /// <summary>Entries served by <paramref name="read"/>, a key to an image or null.</summary>
    public static PrecompiledPolicies From(Func<string, byte[]?> read) => new(read);

    public byte[]? TryRead(string key) => _read(key);
}
