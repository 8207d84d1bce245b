using System.Collections.Concurrent;
using MeshGovernance.Model.Yaml;
using NJsonSchema;

namespace MeshGovernance.Model.Schemas;

/// <summary>
/// The JSON Schemas shipped inside this assembly, loaded once per process and prepared for validation.
/// </summary>
public sealed class SchemaSet
{
    private static readonly Lazy<SchemaSet> Shared = new(() => new SchemaSet(), LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly ConcurrentDictionary<string, Lazy<PreparedSchema>> _schemas = new(StringComparer.Ordinal);

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

    internal PreparedSchema Get(DocumentKind kind) => Get(kind, kind.SchemaFileName());

    /// <summary>The schema that judges this document (for a contract, the one of its declared ODCS version).</summary>
    internal PreparedSchema Get(DocumentKind kind, SourceMapping root) => Get(kind, kind.SchemaFileName(root));

    private PreparedSchema Get(DocumentKind kind, string fileName) =>
        _schemas.GetOrAdd(fileName, f => new Lazy<PreparedSchema>(() => Prepare(kind, f), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    private static PreparedSchema Prepare(DocumentKind kind, string fileName)
    {
        var document = Newtonsoft.Json.Linq.JObject.Parse(ReadSchemaText(fileName));
        ConditionalSchemaRewriter.RewriteJson(document);

        // FromJsonAsync completes synchronously here: the schemas have no external references.
        var schema = JsonSchema.FromJsonAsync(document.ToString()).GetAwaiter().GetResult();
        return new PreparedSchema(kind, fileName, schema, ConditionalSchemaRewriter.FindRules(schema));
    }
}

internal sealed record PreparedSchema(DocumentKind Kind, string FileName, JsonSchema Schema, IReadOnlyDictionary<JsonSchema, ConditionalRule> Conditionals);
