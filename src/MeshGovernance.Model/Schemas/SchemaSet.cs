using System.Collections.Concurrent;
using NJsonSchema;

namespace MeshGovernance.Model.Schemas;

/// <summary>
/// The JSON Schemas shipped inside this assembly, loaded once per process and prepared for validation.
/// </summary>
public sealed class SchemaSet
{
    private static readonly Lazy<SchemaSet> Shared = new(() => new SchemaSet(), LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly ConcurrentDictionary<DocumentKind, Lazy<PreparedSchema>> _schemas = new();

    private SchemaSet()
    {
    }

    public static SchemaSet Default => Shared.Value;

    /// <summary>The raw JSON text of a kind's schema, as published for editors.</summary>
    public static string ReadSchemaText(DocumentKind kind)
    {
        var name = "schemas/" + kind.SchemaFileName();
        using var stream = typeof(SchemaSet).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The schema resource '{name}' is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    internal PreparedSchema Get(DocumentKind kind) =>
        _schemas.GetOrAdd(kind, k => new Lazy<PreparedSchema>(() => Prepare(k), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    private static PreparedSchema Prepare(DocumentKind kind)
    {
        var document = Newtonsoft.Json.Linq.JObject.Parse(ReadSchemaText(kind));
        ConditionalSchemaRewriter.RewriteJson(document);

        // FromJsonAsync completes synchronously here: the schemas have no external references.
        var schema = JsonSchema.FromJsonAsync(document.ToString()).GetAwaiter().GetResult();
        return new PreparedSchema(kind, schema, ConditionalSchemaRewriter.FindRules(schema));
    }
}

internal sealed record PreparedSchema(DocumentKind Kind, JsonSchema Schema, IReadOnlyDictionary<JsonSchema, ConditionalRule> Conditionals);
