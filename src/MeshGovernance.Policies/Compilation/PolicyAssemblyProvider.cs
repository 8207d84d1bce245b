using System.Reflection;
using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Policies.Metadata;

namespace MeshGovernance.Policies.Compilation;

/// <summary>The entry point of a compiled policy script: Roslyn's submission factory.</summary>
internal delegate Task<object> PolicyEntryPoint(object[] submissionArray);

/// <summary>A policy ready to run, or the diagnostics that keep it from running.</summary>
internal sealed record CompiledPolicy(PolicyEntryPoint? Entry, IReadOnlyList<Diagnostic> Diagnostics, bool FromCache);

/// <summary>
/// Gets a policy's compiled assembly: from memory when this provider loaded it before (every check of a process,
/// the site's trend among them, and a worker serving many checks), from the cache when it is there, from Roslyn
/// otherwise. Each version of a policy is loaded once per process and stays loaded: <c>Assembly.Load(byte[])</c>
/// gives each its own non-collectible load context, not a collectible one, because the runtime compiles code in collectible assemblies
/// fully optimized at once (no tiering), which turns a policy's tail-recursive call into a loop that the stack
/// check never sees, and costs JIT time on every warm check (docs/design-notes.md, "The policy engine"). The built-in
/// pack is loaded by name from the assemblies meshgov ships it as, when it has them (<see cref="PrecompiledPolicies"/>).
/// </summary>
internal sealed class PolicyAssemblyProvider(PolicyCache? cache)
{
    /// <summary>One provider per cache folder for the checks this process runs (in-process and in a worker).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, PolicyAssemblyProvider> Shared = new(StringComparer.Ordinal);

    /// <summary>Characters of a policy and every file it loads, together: the compiler's input is bounded.</summary>
    public const int MaxTotalChars = 4 * 1024 * 1024;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, CompiledPolicy> _loaded = new(StringComparer.Ordinal);

    /// <summary>Compiled assemblies read from the cache ahead of their runs (<see cref="ReadAhead"/>), by key.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> _readAhead = new(StringComparer.Ordinal);

    /// <summary>The class Roslyn compiles a script into; its static <c>&lt;Factory&gt;</c> runs the script.</summary>
    public const string ScriptClassName = "MeshgovPolicy";

    /// <summary>Whether this process has loaded any part of Roslyn (a warm run never does), for --stats.</summary>
    public static bool CompilerLoaded => AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name is "Microsoft.CodeAnalysis" or "Microsoft.CodeAnalysis.CSharp");

    /// <param name="knownKey">The policy's cache key when the caller has it (<see cref="KeyOrNull"/>: meshgov hands its worker the keys, which saves the worker starting OpenSSL and reading the policy's libraries); null to work it out here.</param>
    public CompiledPolicy Get(PolicySource source, string policyId, string? knownKey = null)
    {
        var (key, total) = knownKey is not null ? (knownKey, 0L) : KeyOf(source);
        if (key is null)
        {
            return new CompiledPolicy(null, [DiagnosticCatalog.PolicyCompileError.Create(
                SourceSpan.StartOf(source.Path),
                $"The policy and the files it loads with #load are {total} characters together; a policy is limited to {MaxTotalChars}. Load only the libraries it uses.",
                policyId)], FromCache: false);
        }

        if (_loaded.TryGetValue(key, out var known))
        {
            return known with { FromCache = true };
        }

        var compiled = GetUncached(source, policyId, key, keyHandedIn: knownKey is not null);
        if (compiled is null)
        {
            // Not built yet: a build is stored under the key of the texts this process compiles, never under one it
            // was handed (a library changed since the key was worked out must not leave its build under the old key).
            return Get(source, policyId);
        }

        if (compiled.Entry is not null)
        {
            _loaded[key] = compiled;
        }

        return compiled;
    }

    /// <summary>
    /// Reads a policy's compiled assembly from the cache ahead of its run, on a thread beside the runs, so that
    /// <see cref="Get"/> finds the bytes in memory. Never compiles and never loads the assembly (loading it loads its
    /// types, which a hostile policy can make fail): whatever a policy does, it does in its own run, where it is
    /// blamed. Nothing that fails here may end the worker, so every failure is left for that run to meet and report.
    /// </summary>
    /// <returns>False when the policy's run will have to compile it: no build in the cache (or it could not be read); true when a build was found (it may still prove damaged when loaded) or the policy is over the size limit, which its run reports without compiling.</returns>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "Reading ahead is only a head start; its run reports what fails.")]
    public bool ReadAhead(PolicySource source, string? knownKey = null)
    {
        try
        {
            var key = knownKey ?? KeyOf(source).Key;
            if (key is null)
            {
                return true;
            }

            if (_loaded.ContainsKey(key) || _readAhead.ContainsKey(key))
            {
                return true;
            }

            if (cache?.TryRead(key) is { } image)
            {
                _readAhead[key] = image;
                return true;
            }
        }
        catch (Exception)
        {
        }

        return false;
    }

    /// <summary>
    /// Compiles <see cref="WarmUpPolicy"/>, a policy of meshgov's own (never one of the repository's), and throws the
    /// build away: Roslyn's assemblies loaded, its code through the JIT and the model's metadata read before the first
    /// policy that has to be compiled. A worker does this while meshgov still reads the mesh, when a policy handed
    /// ahead has no build in the cache (a cold check): that policy's own compilation, which waits for the mesh, then
    /// starts from a warm compiler. No policy code is compiled, loaded or run ahead, so whatever a policy does to the
    /// compiler it still does in its own run, where it is blamed.
    /// </summary>
    /// <remarks>
    /// Once per process; whatever fails in it (even running out of memory beside a policy) is not a policy's fault
    /// and ends nothing.
    /// </remarks>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "Warming up is only a head start: the policy's own compilation reports what fails.")]
    public static void WarmUpCompiler()
    {
        if (Interlocked.Exchange(ref _warmedUp, 1) == 1)
        {
            return;
        }

        NoWarmUpRunning.Reset();
        try
        {
            CompileWarmUpPolicy();
        }
        catch (Exception)
        {
        }
        finally
        {
            NoWarmUpRunning.Set();
        }
    }

    /// <summary>Compiles <see cref="WarmUpPolicy"/>; its diagnostics: none, unless the model changed under it.</summary>
    internal static IReadOnlyList<Diagnostic> CompileWarmUpPolicy() =>
        CompileCold(new PolicySource("meshgov/warm-up.csx", WarmUpPolicy, BuiltIn: true), "meshgov-warm-up", "meshgov-warm-up-key").Diagnostics;

    private static int _warmedUp;

    /// <summary>Closed while <see cref="WarmUpCompiler"/> runs: a policy to compile meanwhile waits for the warm compiler.</summary>
    private static readonly ManualResetEventSlim NoWarmUpRunning = new(initialState: true);

    /// <summary>
    /// The longest a compilation waits for the warm-up (a cold compiler takes about a second here): past it, it compiles
    /// anyway. The wait counts within the policy's compile time limit (60 s), of which it can take no more than this.
    /// </summary>
    private static readonly TimeSpan WarmUpWait = TimeSpan.FromSeconds(3);

    /// <summary>What <see cref="WarmUpCompiler"/> compiles: the shapes most policies have (parameters, LINQ over the mesh, a local function, an interpolated finding).</summary>
    internal const string WarmUpPolicy = """
        var tag = Params.String("tag");
        foreach (var product in Mesh.Products.Where(p => p.Domain is not null).OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            var tagged = product.InputPorts.Where(port => port.Contract is { } contract && Tagged(contract, tag)).ToList();
            if (tagged.Count == 0)
            {
                Fail(product, "inputPorts", $"Product '{product.Id}' reads no contract tagged '{tag}'.");
            }
        }

        static bool Tagged(DataContract contract, string tag) => contract.AllElements().Any(e => e.Tags.Contains(tag));
        """;

    /// <summary>
    /// The cache key of a policy and every file it loads, or null when there is none (together they are over
    /// <see cref="MaxTotalChars"/>) or a file it loads cannot be read now: then whoever compiles it works it out, and reports why.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "A key is only a head start: whoever compiles the policy works it out again and reports what fails.")]
    public static string? KeyOrNull(PolicySource source)
    {
        try
        {
            return KeyOf(source).Key;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return null;
        }
    }

    /// <summary>The cache key of a policy and every file it loads, or null when together they are over <see cref="MaxTotalChars"/> (their length).</summary>
    private static (string? Key, long Total) KeyOf(PolicySource source)
    {
        var baseDirectory = source.FullPath is null ? null : Path.GetDirectoryName(source.FullPath);
        var loaded = baseDirectory is null ? [] : ScriptIncludes.Transitive(source.Text, baseDirectory, source.LoadFolder);
        var total = source.Text.Length + loaded.Sum(l => (long)l.Text.Length);
        return (total > MaxTotalChars ? null : PolicyCache.Key(source.Path, source.Text, loaded), total);
    }

    /// <returns>Null when the key was handed in and names no build: the caller works the key out and compiles.</returns>
    private CompiledPolicy? GetUncached(PolicySource source, string policyId, string key, bool keyHandedIn)
    {
        // The built-in pack as meshgov ships it first: its code compiled ahead, where bytes are all compiled at run time.
        if (InstalledEntry(key, policyId) is { } installedEntry)
        {
            _readAhead.TryRemove(key, out _);
            return new CompiledPolicy(installedEntry, [], FromCache: true);
        }

        var cached = _readAhead.TryRemove(key, out var readAhead) ? readAhead : cache?.TryRead(key);
        if (cached is not null && TryLoad(cached) is { } cachedEntry)
        {
            return new CompiledPolicy(cachedEntry, [], FromCache: true);
        }

        if (keyHandedIn)
        {
            return null;
        }

        // A compilation beside the warm-up would pay the compiler's cold start a second time, in parallel.
        NoWarmUpRunning.Wait(WarmUpWait);
        var (image, diagnostics) = CompileIsolated(source, policyId, key);
        if (image is null)
        {
            return new CompiledPolicy(null, diagnostics, FromCache: false);
        }

        cache?.Write(key, image);
        return new CompiledPolicy(TryLoad(image), diagnostics, FromCache: false);
    }

    /// <summary>
    /// Compiles, turning what the compiler itself cannot survive on a hostile script (its own stack guard, memory
    /// for a gigantic constant) into a diagnostic on the policy, so the run goes on.
    /// </summary>
    private static (byte[]? Image, IReadOnlyList<Diagnostic> Diagnostics) CompileIsolated(PolicySource source, string policyId, string key)
    {
        try
        {
            return CompileCold(source, policyId, key);
        }
        catch (Exception ex) when (ex is InsufficientExecutionStackException or OutOfMemoryException or InvalidOperationException or IOException or ArgumentException)
        {
            var why = ex switch
            {
                InsufficientExecutionStackException => "its code is nested too deep for the compiler",
                OutOfMemoryException => "compiling it needed more memory than there is (a gigantic constant or expression?)",
                _ => $"the compiler failed on it ({ex.GetType().Name}: {ex.Message})",
            };
            return (null, [DiagnosticCatalog.PolicyCompileError.Create(SourceSpan.StartOf(source.Path), $"The policy could not be compiled: {why}. Simplify it.", policyId)]);
        }
    }

    // Kept out of Get so that the JIT only loads Roslyn when a policy really has to be compiled.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static (byte[]? Image, IReadOnlyList<Diagnostic> Diagnostics) CompileCold(PolicySource source, string policyId, string key) =>
        PolicyCompiler.Compile(source, policyId, AssemblyNameOf(policyId, key));

    /// <summary>The name of a policy's compiled assembly: the name the built-in pack's assemblies ship under, which a check loads them by.</summary>
    public static string AssemblyNameOf(string policyId, string key) => $"meshgov-policy-{policyId}-{key[..16]}";

    /// <summary>The process's provider for <paramref name="cache"/>: a policy compiled or loaded by one check is reused by the next.</summary>
    public static PolicyAssemblyProvider SharedFor(PolicyCache? cache) =>
        Shared.GetOrAdd(cache?.Directory ?? string.Empty, _ => new PolicyAssemblyProvider(cache));

    private static PolicyEntryPoint? TryLoad(byte[] image)
    {
        try
        {
            return EntryOf(Assembly.Load(image));
        }
        catch (BadImageFormatException)
        {
            return null;
        }
    }

    private PolicyEntryPoint? InstalledEntry(string key, string policyId)
    {
        if (cache?.TryLoadInstalled(key, () => AssemblyNameOf(policyId, key)) is not { } installed)
        {
            return null;
        }

        try
        {
            return EntryOf(installed);
        }
        catch (Exception ex) when (ex is TypeLoadException or IOException or BadImageFormatException or MissingMethodException)
        {
            // A damaged installation: the embedded copies serve this policy and the others.
            cache.StopLoadingByName();
            return null;
        }
    }

    private static PolicyEntryPoint? EntryOf(Assembly assembly) =>
        assembly.GetType(ScriptClassName)?.GetMethod("<Factory>", BindingFlags.Public | BindingFlags.Static)?.CreateDelegate<PolicyEntryPoint>();
}
