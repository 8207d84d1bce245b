using NJsonSchema;

namespace MeshGovernance.Model.Schemas;

/// <summary>
/// One draft-07 <c>if</c>/<c>then</c> (or <c>if</c>/<c>else</c>) pair, rewritten into keywords NJsonSchema
/// 10.7 evaluates. <see cref="Branch"/> must hold when <see cref="Condition"/> matches (or, for an
/// <c>else</c>, when it does not).
/// </summary>
internal sealed record ConditionalRule(JsonSchema Condition, JsonSchema Branch, bool AppliesWhenConditionMatches);
