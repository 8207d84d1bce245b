using System.Reflection;
using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Policies.Metadata;

namespace MeshGovernance.Policies.Compilation;

/// <summary>The entry point of a compiled policy script: Roslyn's submission factory.</summary>
internal delegate Task<object> PolicyEntryPoint(object[] submissionArray);

/// <summary>A policy ready to run, or the diagnostics that keep it from running.</summary>
internal sealed record CompiledPolicy(PolicyEntryPoint? Entry, IReadOnlyList<Diagnostic> Diagnostics, bool FromCache);

/// <summary>Gets a policy's compiled assembly: from the cache when it is there, from Roslyn otherwise.</summary>
internal sealed class PolicyAssemblyProvider(PolicyCache? cache)
{
    /// <summary>The class Roslyn compiles a script into; its static <c>&lt;Factory&gt;</c> runs the script.</summary>
    public const string ScriptClassName = "MeshgovPolicy";

    public CompiledPolicy Get(PolicySource source, string policyId)
    {
        var baseDirectory = source.FullPath is null ? null : Path.GetDirectoryName(source.FullPath);
        var loaded = baseDirectory is null ? [] : ScriptIncludes.Transitive(source.Text, baseDirectory, source.LoadFolder);
        var key = PolicyCache.Key(source.Path, source.Text, loaded);
        if (cache?.TryRead(key) is { } cached && TryLoad(cached) is { } cachedEntry)
        {
            return new CompiledPolicy(cachedEntry, [], FromCache: true);
        }

        var (image, diagnostics) = CompileCold(source, policyId, key);
        if (image is null)
        {
            return new CompiledPolicy(null, diagnostics, FromCache: false);
        }

        cache?.Write(key, image);
        return new CompiledPolicy(TryLoad(image), diagnostics, FromCache: false);
    }

    // Kept out of Get so that the JIT only loads Roslyn when a policy really has to be compiled.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static (byte[]? Image, IReadOnlyList<Diagnostic> Diagnostics) CompileCold(PolicySource source, string policyId, string key) =>
        PolicyCompiler.Compile(source, policyId, $"meshgov-policy-{policyId}-{key[..16]}");

    private static PolicyEntryPoint? TryLoad(byte[] image)
    {
        try
        {
            var assembly = Assembly.Load(image);
            var factory = assembly.GetType(ScriptClassName)?.GetMethod("<Factory>", BindingFlags.Public | BindingFlags.Static);
            return factory?.CreateDelegate<PolicyEntryPoint>();
        }
        catch (BadImageFormatException)
        {
            return null;
        }
    }
}
