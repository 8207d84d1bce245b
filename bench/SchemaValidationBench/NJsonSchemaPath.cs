using System.Globalization;
using MeshGovernance.Model.Schemas;
using MeshGovernance.Model.Yaml;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace MeshGovernance.Bench.SchemaValidation;

/// <summary>
/// The path meshgov took until issue 15, reduced to what costs time: the node tree as Json.NET tokens, and
/// NJsonSchema on the schema with its if/then rewritten into anyOf (NJsonSchema evaluates no if/then). It
/// stops at NJsonSchema's raw errors: turning them into diagnostics is not measured.
/// </summary>
internal sealed class NJsonSchemaPath
{
    private readonly Dictionary<string, JsonSchema> _schemas;

    private NJsonSchemaPath(Dictionary<string, JsonSchema> schemas) => _schemas = schemas;

    public static string Version => typeof(JsonSchema).Assembly.GetName().Version?.ToString(3) ?? "?";

    public static NJsonSchemaPath Prepare() =>
        new(DocumentKinds.AllSchemaFileNames.ToDictionary(f => f, f => PrepareOne(SchemaSet.ReadSchemaText(f)), StringComparer.Ordinal));

    public int Validate(BenchDocument document) =>
        _schemas[document.SchemaFile].Validate(ToToken(document.Root), StandardFormatSettings.Instance).Count;

    private static JsonSchema PrepareOne(string text)
    {
        var document = JObject.Parse(text);
        RewriteConditionals(document);
        return JsonSchema.FromJsonAsync(document.ToString()).GetAwaiter().GetResult();
    }

    private static void RewriteConditionals(JToken token)
    {
        foreach (var child in token.Children().ToList())
        {
            RewriteConditionals(child);
        }

        if (token is not JObject schema)
        {
            return;
        }

        if (schema["if"] is JObject condition && schema["then"] is JObject then)
        {
            var allOf = schema["allOf"] as JArray ?? [];
            allOf.Add(new JObject { ["anyOf"] = new JArray(new JObject { ["not"] = condition.DeepClone() }, then) });
            schema.Remove("if");
            schema.Remove("then");
            schema["allOf"] = allOf;
        }

        // NJsonSchema reads a lone $ref in allOf as a bare reference and drops the schema's other keywords.
        if (schema["allOf"] is JArray { Count: 1 } single && single[0] is JObject { } only && only.Property("$ref") is not null)
        {
            single.Add(new JObject());
        }
    }

    private static JToken ToToken(SourceNode node) => node switch
    {
        SourceMapping mapping => new JObject(mapping.Entries.Select(e => new JProperty(e.Key.Value, ToToken(e.Value)))),
        SourceSequence sequence => new JArray(sequence.Items.Select(ToToken)),
        SourceScalar { Kind: ScalarKind.Null } => JValue.CreateNull(),
        SourceScalar { Kind: ScalarKind.Boolean } scalar => new JValue(scalar.Value is "true" or "True" or "TRUE"),
        SourceScalar { Kind: ScalarKind.Integer } scalar when long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) => new JValue(integer),
        SourceScalar { Kind: ScalarKind.Float } scalar when double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => new JValue(number),
        SourceScalar scalar => new JValue(scalar.Value),
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };
}
