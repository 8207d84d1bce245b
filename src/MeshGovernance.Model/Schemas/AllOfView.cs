namespace MeshGovernance.Model.Schemas;

/// <summary>
/// One item of a schema's <c>allOf</c> as NJsonSchema saw it once the conditionals were rewritten into it (a
/// conditional or an added empty schema has no <see cref="Schema"/>): the compiler derives from these which
/// property names a message lists and which schemas count as nullable, as NJsonSchema did.
/// </summary>
internal sealed record AllOfView(CompiledSchema? Schema, bool IsReference);
