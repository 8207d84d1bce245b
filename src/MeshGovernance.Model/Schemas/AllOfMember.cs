namespace MeshGovernance.Model.Schemas;

/// <summary>
/// One schema that must hold beside its parent: an <c>allOf</c> item, or a conditional. They are kept in one
/// list, in the order the former NJsonSchema path evaluated them (the <c>allOf</c> items, then <c>then</c>,
/// <c>else</c>, and a lone <c>anyOf</c> or <c>oneOf</c> item), because that order is the order of the findings.
/// </summary>
internal sealed record AllOfMember(CompiledSchema? Schema, SchemaConditional? Conditional, bool IsReference);
