using System.Collections.Concurrent;
using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Model.Schemas;

/// <summary>
/// The JSON Schemas shipped inside this assembly, each compiled once per process on first use.
/// </summary>
public sealed class SchemaSet
{
    private static readonly Lazy<SchemaSet> Shared = new(() => new SchemaSet(), LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly ConcurrentDictionary<string, Lazy<CompiledSchema>> _schemas = new(StringComparer.Ordinal);

    private SchemaSet()
    {
    }

    public static SchemaSet Default => Shared.Value;

    /// <summary>The raw JSON text of a kind's schema, as published for editors.</summary>
    public static string ReadSchemaText(DocumentKind kind) => ReadSchemaText(kind.SchemaFileName());

    /// <summary>The raw JSON text of a shipped schema by file name (see <see cref="DocumentKinds.AllSchemaFileNames"/>).</summary>
    public static string ReadSchemaText(string fileName)
    {
        var name = "schemas/" + fileName;
        using var stream = typeof(SchemaSet).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The schema resource '{name}' is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>A shipped schema compiled afresh, bypassing this process's cache (for benchmarks and tests).</summary>
    internal static CompiledSchema Compile(string fileName) => SchemaCompiler.Compile(ReadSchemaText(fileName), fileName);

    internal CompiledSchema Get(DocumentKind kind) => Get(kind.SchemaFileName());

    /// <summary>The schema that judges this document (for a contract, the one of its declared ODCS version).</summary>
    internal CompiledSchema Get(DocumentKind kind, SourceMapping root) => Get(kind.SchemaFileName(root));

    private CompiledSchema Get(string fileName) =>
        _schemas.GetOrAdd(fileName, f => new Lazy<CompiledSchema>(() => Compile(f), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
}
