namespace MeshGovernance.Model.Schemas;

/// <summary>
/// A draft-07 <c>if</c> with its <c>then</c> (or its <c>else</c>): <see cref="Branch"/> must hold when
/// <see cref="Condition"/> matches (for an <c>else</c>, when it does not).
/// </summary>
internal sealed record SchemaConditional(CompiledSchema Condition, CompiledSchema Branch, bool AppliesWhenConditionMatches);
