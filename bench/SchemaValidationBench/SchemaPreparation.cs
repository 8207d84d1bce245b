using BenchmarkDotNet.Attributes;

namespace MeshGovernance.Bench.SchemaValidation;

/// <summary>
/// All ten shipped schemas read and prepared for validation, in a warm process (the first, cold preparation
/// including JIT is measured by <c>--cold OPTION</c>, see Program.cs).
/// </summary>
[MemoryDiagnoser]
#pragma warning disable CA1822 // BenchmarkDotNet measures instance methods.
public class SchemaPreparation
{
    [Benchmark(Baseline = true, Description = "NJsonSchema: parse, rewrite if/then, FromJsonAsync")]
    public object NJsonSchema() => NJsonSchemaPath.Prepare();

    [Benchmark(Description = "JsonSchema.Net 8.0.5: FromText")]
    public object JsonSchemaNet() => JsonSchemaNetPath.Prepare();

    [Benchmark(Description = "Compiled: SchemaCompiler")]
    public object Compiled() => CompiledPath.Prepare();
}
#pragma warning restore CA1822
