using MeshGovernance.Model.Schemas;

namespace MeshGovernance.Bench.SchemaValidation;

/// <summary>meshgov's validator since issue 15: the schemas compiled once, the node tree walked directly.</summary>
internal sealed class CompiledPath
{
    private readonly Dictionary<string, CompiledSchema> _schemas;

    private CompiledPath(Dictionary<string, CompiledSchema> schemas) => _schemas = schemas;

    public static CompiledPath Prepare() =>
        new(DocumentKinds.AllSchemaFileNames.ToDictionary(f => f, SchemaSet.Compile, StringComparer.Ordinal));

    /// <summary>The verdict only (what a valid document costs).</summary>
    public bool Accepts(BenchDocument document) => NodeValidator.Accepts(document.Root, _schemas[document.SchemaFile]);

    /// <summary>The whole of SchemaValidator.Validate: verdict, then diagnostics with messages for a rejected document.</summary>
    public static int Validate(BenchDocument document) => SchemaValidator.Validate(document.Root, document.Kind).Count;
}
