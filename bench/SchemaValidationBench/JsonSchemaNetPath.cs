using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Json.Schema;
using MeshGovernance.Model.Schemas;
using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Bench.SchemaValidation;

/// <summary>
/// JsonSchema.Net 8: the node tree written as JSON (Utf8JsonWriter), read back as a JsonElement and evaluated,
/// with the verdict and the raw list of errors (no mapping to nodes or messages: a lower bound). Its draft-07
/// <c>format</c> only annotates by default; RequireFormatValidation turns the checks on, with meshgov's own
/// date, date-time and uri predicates. It evaluates if/then itself.
/// </summary>
internal sealed class JsonSchemaNetPath
{
    private static readonly EvaluationOptions Options = CreateOptions();
    private readonly Dictionary<string, JsonSchema> _schemas;

    private JsonSchemaNetPath(Dictionary<string, JsonSchema> schemas) => _schemas = schemas;

    public static JsonSchemaNetPath Prepare()
    {
        var build = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        return new(DocumentKinds.AllSchemaFileNames.ToDictionary(
            f => f,
            f => JsonSchema.FromText(SchemaSet.ReadSchemaText(f), build, new Uri($"https://meshgov.invalid/schemas/{f}")),
            StringComparer.Ordinal));
    }

    public int Validate(BenchDocument document)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(document.Root, writer);
        }

        using var json = JsonDocument.Parse(buffer.WrittenMemory);
        var results = _schemas[document.SchemaFile].Evaluate(json.RootElement, Options);
        return results.IsValid ? 0 : results.Details?.Count(d => d.Errors is { Count: > 0 }) ?? 1;
    }

    private static EvaluationOptions CreateOptions()
    {
        var options = new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true };
        options.FormatRegistry.Register(new PredicateFormat("date", e => e.ValueKind != JsonValueKind.String || StandardFormats.IsDate(e.GetString()!)));
        options.FormatRegistry.Register(new PredicateFormat("date-time", e => e.ValueKind != JsonValueKind.String || StandardFormats.IsDateTime(e.GetString()!)));
        options.FormatRegistry.Register(new PredicateFormat("uri", e => e.ValueKind != JsonValueKind.String || StandardFormats.IsUri(e.GetString()!)));
        return options;
    }

    private static void Write(SourceNode node, Utf8JsonWriter writer)
    {
        switch (node)
        {
            case SourceMapping mapping:
                writer.WriteStartObject();
                foreach (var (key, value) in mapping.Entries)
                {
                    writer.WritePropertyName(key.Value);
                    Write(value, writer);
                }

                writer.WriteEndObject();
                break;
            case SourceSequence sequence:
                writer.WriteStartArray();
                foreach (var item in sequence.Items)
                {
                    Write(item, writer);
                }

                writer.WriteEndArray();
                break;
            case SourceScalar { Kind: ScalarKind.Null }:
                writer.WriteNullValue();
                break;
            case SourceScalar { Kind: ScalarKind.Boolean } scalar:
                writer.WriteBooleanValue(scalar.Value is "true" or "True" or "TRUE");
                break;
            case SourceScalar { Kind: ScalarKind.Integer } scalar when long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer):
                writer.WriteNumberValue(integer);
                break;
            case SourceScalar { Kind: ScalarKind.Integer or ScalarKind.Float } scalar when double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number):
                writer.WriteNumberValue(number);
                break;
            case SourceScalar scalar:
                writer.WriteStringValue(scalar.Value);
                break;
        }
    }
}
