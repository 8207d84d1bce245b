using MeshGovernance.Model.Schemas;
using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Bench.SchemaValidation;

/// <summary>One parsed input: its node tree, its kind and the schema file that judges it.</summary>
internal sealed record BenchDocument(string Name, SourceMapping Root, DocumentKind Kind)
{
    public string SchemaFile { get; } = Kind.SchemaFileName(Root);
}
