using BenchmarkDotNet.Attributes;

namespace MeshGovernance.Bench.SchemaValidation;

/// <summary>
/// Every document of a set validated once per operation (divide by the set's size for a per-document figure;
/// the sizes are printed at setup). Schemas are prepared in the setup, not measured here.
/// </summary>
[MemoryDiagnoser]
public class DocumentValidation
{
    private IReadOnlyList<BenchDocument> _documents = [];
    private NJsonSchemaPath? _njsonSchema;
    private JsonSchemaNetPath? _jsonSchemaNet;
    private CompiledPath? _compiled;

    [Params(BenchDocuments.SyntheticContracts, BenchDocuments.SyntheticProducts, BenchDocuments.Corpus)]
    public string Set { get; set; } = BenchDocuments.SyntheticContracts;

    [GlobalSetup]
    public void Setup()
    {
        _documents = BenchDocuments.Load(Set);
        _njsonSchema = NJsonSchemaPath.Prepare();
        _jsonSchemaNet = JsonSchemaNetPath.Prepare();
        _compiled = CompiledPath.Prepare();
        var rejected = _documents.Count(d => CompiledPath.Validate(d) > 0);
        var njsonSchemaDisagrees = _documents.Count(d => _njsonSchema.Validate(d) == 0 != _compiled.Accepts(d));
        var jsonSchemaNetDisagrees = _documents.Count(d => _jsonSchemaNet.Validate(d) == 0 != _compiled.Accepts(d));
        Console.WriteLine($"// {Set}: {_documents.Count} documents, {rejected} rejected; verdicts unlike the compiled validator's: NJsonSchema {NJsonSchemaPath.Version} {njsonSchemaDisagrees}, JsonSchema.Net {jsonSchemaNetDisagrees}");
    }

    [Benchmark(Baseline = true, Description = "NJsonSchema: tree → JToken → Validate (raw errors)")]
    public int NJsonSchema()
    {
        var errors = 0;
        foreach (var document in _documents)
        {
            errors += _njsonSchema!.Validate(document);
        }

        return errors;
    }

    [Benchmark(Description = "JsonSchema.Net 8.0.5: tree → JSON → Evaluate (raw errors)")]
    public int JsonSchemaNet()
    {
        var errors = 0;
        foreach (var document in _documents)
        {
            errors += _jsonSchemaNet!.Validate(document);
        }

        return errors;
    }

    [Benchmark(Description = "Compiled: SchemaValidator.Validate (diagnostics)")]
    public int Compiled()
    {
        var diagnostics = 0;
        foreach (var document in _documents)
        {
            diagnostics += CompiledPath.Validate(document);
        }

        return diagnostics;
    }

    [Benchmark(Description = "Compiled: verdict only")]
    public int CompiledVerdict()
    {
        var accepted = 0;
        foreach (var document in _documents)
        {
            accepted += _compiled!.Accepts(document) ? 1 : 0;
        }

        return accepted;
    }
}
