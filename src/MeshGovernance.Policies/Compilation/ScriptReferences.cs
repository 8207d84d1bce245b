using System.Reflection;
using System.Reflection.Metadata;
using MeshGovernance.Model.Graph;
using MeshGovernance.Policies.Scripting;
using Microsoft.CodeAnalysis;

namespace MeshGovernance.Policies.Compilation;

/// <summary>
/// What a policy compiles against: the runtime's core assemblies and the mesh model. What policies may
/// actually use is narrower and enforced by <see cref="ScriptRestrictions"/>.
/// </summary>
internal static class ScriptReferences
{
    private static readonly string[] RuntimeAssemblies =
    [
        "System.Private.CoreLib", "System.Runtime", "System.Collections", "System.Linq", "System.Text.RegularExpressions",
        "System.Runtime.Extensions", "netstandard", "System.ObjectModel", "System.Private.Uri",

        // Not for use: referenced so that a policy reaching for them is told it may not, rather than that they do not exist.
        "System.Console", "System.Net.Http", "System.Net.Sockets", "System.Net.Primitives", "System.Diagnostics.Process",
        "System.Linq.Queryable", "System.Linq.Expressions", "Microsoft.CSharp", "System.Threading", "System.Threading.Thread",
        "System.Runtime.InteropServices", "System.Threading.Tasks", "System.ComponentModel.Primitives", "System.ComponentModel",
    ];

    /// <summary>The namespaces every policy imports, as if by <c>using</c>.</summary>
    public static IReadOnlyList<string> Usings { get; } =
    [
        "System", "System.Linq", "System.Collections.Generic", "System.Globalization", "System.Text.RegularExpressions",
        "MeshGovernance.Model.Graph", "MeshGovernance.Policies.Scripting", "MeshGovernance.Contracts",
    ];

    /// <summary>meshgov's assemblies a policy compiles against (and an editor is given): the mesh, the contract changes, the script API.</summary>
    public static IReadOnlyList<Assembly> ModelAssemblies { get; } =
        [typeof(Mesh).Assembly, typeof(Contracts.ContractChange).Assembly, typeof(PolicyGlobals).Assembly];

    /// <summary>
    /// The references, made on first use only: making them loads Roslyn and two dozen runtime assemblies, which a run
    /// that finds every policy compiled (the cache key reads <see cref="ModelAssemblies"/>) must not pay for.
    /// </summary>
    public static IReadOnlyList<MetadataReference> All => Made.References;

    private static class Made
    {
        public static readonly IReadOnlyList<MetadataReference> References = Create();
    }

    private static List<MetadataReference> Create()
    {
        // From the metadata of the loaded assemblies, not their files: a single-file meshgov has no files to read
        // (Assembly.Location is empty there), and the assemblies that run the policy are the ones it compiles against.
        var references = new List<MetadataReference>();
        foreach (var name in RuntimeAssemblies)
        {
            Assembly assembly;
            try
            {
                assembly = Assembly.Load(new AssemblyName(name));
            }
            catch (FileNotFoundException)
            {
                continue;
            }

            references.Add(FromLoadedAssembly(assembly));
        }

        references.AddRange(ModelAssemblies.Select(FromLoadedAssembly));
        return references;
    }

    private static unsafe MetadataReference FromLoadedAssembly(Assembly assembly)
    {
        if (!assembly.TryGetRawMetadata(out var blob, out var length))
        {
            throw new InvalidOperationException($"The metadata of {assembly.GetName().Name} cannot be read; policies cannot be compiled in this build of meshgov.");
        }

        // The blob belongs to the loaded assembly, which the default context never unloads.
        return AssemblyMetadata.Create(ModuleMetadata.CreateFromMetadata((IntPtr)blob, length)).GetReference(display: assembly.GetName().Name);
    }
}
