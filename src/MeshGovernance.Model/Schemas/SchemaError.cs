using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Model.Schemas;

/// <summary>
/// One failure found by <see cref="NodeValidator"/>, grouped as NJsonSchema grouped them (which decides the
/// closest alternative of an anyOf/oneOf and the order of findings). <see cref="Token"/> is the node the
/// failure was raised on (for an unknown property, its key); <see cref="Path"/> is written as NJsonSchema
/// wrote it ("#/servers[0].type"), since messages and the choice of alternative depend on it.
/// </summary>
internal sealed record SchemaError(SchemaErrorKind Kind, string? Property, string Path, SourceNode Token, CompiledSchema? Schema)
{
    /// <summary>For a group (combinator, array item, pattern or additional property): each subschema's failures.</summary>
    public IReadOnlyList<IReadOnlyList<SchemaError>>? Children { get; init; }

    /// <summary>Set when the group is a conditional whose condition held and whose branch failed (Children[0]).</summary>
    public SchemaConditional? Conditional { get; init; }
}
