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
        "MeshGovernance.Model.Graph", "MeshGovernance.Policies.Scripting", "MeshGovernance.Policies.Changes",
    ];

    public static IReadOnlyList<MetadataReference> All { get; } = Create();

    private static List<MetadataReference> Create()
    {
        var runtimeFolder = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var references = RuntimeAssemblies
            .Select(name => Path.Combine(runtimeFolder, name + ".dll"))
            .Where(File.Exists)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToList();
        references.Add(MetadataReference.CreateFromFile(typeof(Mesh).Assembly.Location));
        references.Add(MetadataReference.CreateFromFile(typeof(PolicyGlobals).Assembly.Location));
        return references;
    }
}
