using NJsonSchema;

namespace MeshGovernance.Model.Schemas;

/// <summary>
/// Extends NJsonSchema 10.7, which keeps draft-07's <c>if</c>/<c>then</c>/<c>else</c> as extension data
/// without evaluating them, by rewriting each into an equivalent it does evaluate:
/// <c>if A then B else C</c> ≡ <c>allOf: [ anyOf: [not A, B], anyOf: [A, C] ]</c>.
/// Each added <c>anyOf</c> is remembered, so that a failure is reported as the conditional rule it is.
/// </summary>
internal static class ConditionalSchemaRewriter
{
    public static IReadOnlyDictionary<JsonSchema, ConditionalRule> Rewrite(JsonSchema root)
    {
        var rules = new Dictionary<JsonSchema, ConditionalRule>(ReferenceEqualityComparer.Instance);
        var visited = new HashSet<JsonSchema>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<JsonSchema>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var schema = pending.Pop();
            if (!visited.Add(schema))
            {
                continue;
            }

            RewriteConditional(schema, rules);
            foreach (var child in Children(schema))
            {
                pending.Push(child);
            }
        }

        return rules;
    }

    private static void RewriteConditional(JsonSchema schema, Dictionary<JsonSchema, ConditionalRule> rules)
    {
        if (schema.ExtensionData is null || !schema.ExtensionData.TryGetValue("if", out var ifValue) || ifValue is not JsonSchema condition)
        {
            return;
        }

        schema.ExtensionData.Remove("if");
        if (schema.ExtensionData.Remove("then", out var thenValue) && thenValue is JsonSchema then)
        {
            var wrapper = new JsonSchema();
            wrapper.AnyOf.Add(new JsonSchema { Not = condition });
            wrapper.AnyOf.Add(then);
            schema.AllOf.Add(wrapper);
            rules[wrapper] = new ConditionalRule(condition, then, AppliesWhenConditionMatches: true);
        }

        if (schema.ExtensionData.Remove("else", out var elseValue) && elseValue is JsonSchema otherwise)
        {
            var wrapper = new JsonSchema();
            wrapper.AnyOf.Add(condition);
            wrapper.AnyOf.Add(otherwise);
            schema.AllOf.Add(wrapper);
            rules[wrapper] = new ConditionalRule(condition, otherwise, AppliesWhenConditionMatches: false);
        }
    }

    private static IEnumerable<JsonSchema> Children(JsonSchema schema)
    {
        if (schema.Reference is { } reference)
        {
            yield return reference;
        }

        foreach (var property in schema.Properties.Values)
        {
            yield return property;
        }

        foreach (var pattern in schema.PatternProperties.Values)
        {
            yield return pattern;
        }

        foreach (var definition in schema.Definitions.Values)
        {
            yield return definition;
        }

        foreach (var sub in schema.AllOf.Concat(schema.AnyOf).Concat(schema.OneOf).Concat(schema.Items))
        {
            yield return sub;
        }

        if (schema.Item is { } item)
        {
            yield return item;
        }

        if (schema.Not is { } not)
        {
            yield return not;
        }

        if (schema.AdditionalPropertiesSchema is { } additional)
        {
            yield return additional;
        }

        if (schema.AdditionalItemsSchema is { } additionalItems)
        {
            yield return additionalItems;
        }

        if (schema.ExtensionData is { } extension)
        {
            foreach (var value in extension.Values)
            {
                if (value is JsonSchema direct)
                {
                    yield return direct;
                }
                else if (value is IDictionary<string, object?> group)
                {
                    // e.g. "$defs", which NJsonSchema keeps as extension data.
                    foreach (var nested in group.Values.OfType<JsonSchema>())
                    {
                        yield return nested;
                    }
                }
            }
        }
    }
}
