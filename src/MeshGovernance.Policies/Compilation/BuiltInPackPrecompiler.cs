using System.Collections.Concurrent;
using System.Reflection;
using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Policies.BuiltIn;
using MeshGovernance.Policies.Metadata;

namespace MeshGovernance.Policies.Compilation;

/// <summary>
/// Compiles the built-in pack into a folder laid out as a <see cref="PolicyCache"/>: what the Release build of meshgov
/// embeds (build/PolicyPackCompiler, <see cref="PrecompiledPolicies"/>), so that a first run (a new CI runner, no
/// restored cache) loads the pack instead of starting Roslyn. The entries are keyed like any cache entry, so they
/// serve exactly the build that wrote them; each is also written under its assembly's name into
/// <see cref="AssembliesFolder"/>, which meshgov references.
/// </summary>
public static class BuiltInPackPrecompiler
{
    /// <summary>The folder inside the pack's that holds each entry again, named as its assembly: what meshgov references.</summary>
    public const string AssembliesFolder = "assemblies";

    /// <summary>Compiles every built-in policy into <paramref name="directory"/>; returns how many, and what kept any from compiling.</summary>
    public static (int Compiled, IReadOnlyList<Diagnostic> Problems) CompileInto(string directory)
    {
        var provider = new PolicyAssemblyProvider(new PolicyCache(directory));
        var problems = new ConcurrentBag<Diagnostic>();
        var compiled = 0;
        Parallel.ForEach(BuiltInPolicies.Sources, source =>
        {
            var (metadata, metadataProblems) = PolicyMetadataReader.Read(source);
            foreach (var problem in metadataProblems)
            {
                problems.Add(problem);
            }

            if (metadata is null)
            {
                return;
            }

            var policy = provider.Get(source, metadata.Id);
            foreach (var problem in policy.Diagnostics.Where(d => d.Level == DiagnosticLevel.Error))
            {
                problems.Add(problem);
            }

            if (policy.Entry is not null)
            {
                Interlocked.Increment(ref compiled);
            }
        });
        // Each entry again under its assembly's name, for meshgov to reference: shipped beside it (or inside a
        // single-file meshgov) as assemblies of its own, loaded by name with the code a ReadyToRun publish compiled ahead
        // (PrecompiledPolicies.TryLoadInstalled).
        var assemblies = Directory.CreateDirectory(Path.Combine(directory, AssembliesFolder));
        foreach (var entry in Directory.GetFiles(directory, "*.dll"))
        {
            File.Copy(entry, Path.Combine(assemblies.FullName, AssemblyName.GetAssemblyName(entry).Name + ".dll"), overwrite: true);
        }

        return (compiled, problems.OrderBy(p => p.Span.File, StringComparer.Ordinal).ToList());
    }
}
