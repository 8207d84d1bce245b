namespace MeshGovernance.Model.Schemas;

/// <summary>One entry of a schema's <c>properties</c>, with whether the schema's <c>required</c> names it.</summary>
internal sealed record SchemaProperty(string Name, CompiledSchema Schema, bool Required);
