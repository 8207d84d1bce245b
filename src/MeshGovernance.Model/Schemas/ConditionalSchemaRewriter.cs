using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace MeshGovernance.Model.Schemas;

/// <summary>
/// Extends NJsonSchema 10.7, which does not evaluate draft-07's <c>if</c>/<c>then</c>/<c>else</c>, by
/// rewriting the schema's JSON before NJsonSchema loads it:
/// <c>if A then B else C</c> ≡ <c>allOf: [ anyOf: [not A, B], anyOf: [A, C] ]</c>.
/// Doing it on the JSON (rather than on the loaded schema) lets NJsonSchema parse every branch and resolve
/// every <c>$ref</c> in it as usual. Each added <c>anyOf</c> carries a marker, so that its failure is
/// reported as the conditional rule it is. Keywords NJsonSchema would silently ignore are refused.
/// <para>
/// NJsonSchema also reads a schema whose only <c>allOf</c>/<c>anyOf</c>/<c>oneOf</c> item is a <c>$ref</c>
/// as a bare reference to it, dropping sibling keywords such as <c>required</c>. Such single items are
/// moved into <c>allOf</c> beside an empty schema, which means the same in JSON Schema.
/// </para>
/// </summary>
internal static class ConditionalSchemaRewriter
{
    private const string Marker = "x-meshgov-conditional";

    /// <summary>Keywords NJsonSchema 10.7 keeps as extension data without evaluating them.</summary>
    private static readonly HashSet<string> UnsupportedKeywords =
    [
        "const", "unevaluatedProperties", "unevaluatedItems", "dependentRequired", "dependentSchemas", "dependencies",
        "contains", "propertyNames", "prefixItems", "$anchor", "$recursiveRef", "$dynamicRef",
    ];

    private static readonly string[] SchemaKeywords = ["items", "not", "if", "then", "else", "additionalProperties", "additionalItems"];
    private static readonly string[] SchemaArrayKeywords = ["allOf", "anyOf", "oneOf", "items"];
    private static readonly string[] SchemaMapKeywords = ["properties", "patternProperties", "definitions", "$defs"];

    /// <summary>Rewrites the conditionals of a schema document in place.</summary>
    public static void RewriteJson(JObject document)
    {
        // Children first: a rewrite copies the branches it moves, so they must already be final.
        var preOrder = new List<JObject>();
        var pending = new Stack<JObject>();
        pending.Push(document);
        while (pending.Count > 0)
        {
            var schema = pending.Pop();
            preOrder.Add(schema);
            foreach (var child in SubSchemas(schema))
            {
                pending.Push(child);
            }
        }

        for (var i = preOrder.Count - 1; i >= 0; i--)
        {
            var schema = preOrder[i];
            if (schema.Properties().Select(p => p.Name).FirstOrDefault(UnsupportedKeywords.Contains) is { } unsupported)
            {
                throw new InvalidOperationException($"The shipped schema uses '{unsupported}' at {schema.Path}, which the validator does not evaluate; express it with draft-07 keywords.");
            }

            RewriteConditional(schema);
            KeepSingleReferenceCombinators(schema);
        }
    }

    /// <summary>Finds the rewritten conditionals in the loaded schema.</summary>
    public static IReadOnlyDictionary<JsonSchema, ConditionalRule> FindRules(JsonSchema root)
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

            if (schema.ExtensionData?.TryGetValue(Marker, out var kind) == true && schema.AnyOf.Count == 2)
            {
                var alternatives = schema.AnyOf.ToList();
                rules[schema] = kind as string == "then"
                    ? new ConditionalRule(alternatives[0].Not!, alternatives[1], AppliesWhenConditionMatches: true)
                    : new ConditionalRule(alternatives[0], alternatives[1], AppliesWhenConditionMatches: false);
            }

            foreach (var child in Children(schema))
            {
                pending.Push(child);
            }
        }

        return rules;
    }

    private static void RewriteConditional(JObject schema)
    {
        if (schema["if"] is not JObject condition)
        {
            return;
        }

        var allOf = schema["allOf"] as JArray ?? [];
        if (schema["then"] is JObject then)
        {
            allOf.Add(new JObject { [Marker] = "then", ["anyOf"] = new JArray(new JObject { ["not"] = condition.DeepClone() }, then) });
        }

        if (schema["else"] is JObject otherwise)
        {
            allOf.Add(new JObject { [Marker] = "else", ["anyOf"] = new JArray(condition.DeepClone(), otherwise) });
        }

        schema.Remove("if");
        schema.Remove("then");
        schema.Remove("else");
        schema["allOf"] = allOf;
    }

    private static void KeepSingleReferenceCombinators(JObject schema)
    {
        var allOf = schema["allOf"] as JArray;
        foreach (var keyword in new[] { "anyOf", "oneOf" })
        {
            if (schema[keyword] is JArray { Count: 1 } single)
            {
                allOf ??= [];
                allOf.Add(single[0].DeepClone());
                schema.Remove(keyword);
            }
        }

        if (allOf is { Count: 1 } && allOf[0] is JObject only && only.Property("$ref") is not null)
        {
            allOf!.Add(new JObject());
        }

        if (allOf is not null)
        {
            schema["allOf"] = allOf;
        }
    }

    private static IEnumerable<JObject> SubSchemas(JObject schema)
    {
        foreach (var keyword in SchemaKeywords)
        {
            if (schema[keyword] is JObject single)
            {
                yield return single;
            }
        }

        foreach (var keyword in SchemaArrayKeywords)
        {
            if (schema[keyword] is JArray array)
            {
                foreach (var item in array.OfType<JObject>())
                {
                    yield return item;
                }
            }
        }

        foreach (var keyword in SchemaMapKeywords)
        {
            if (schema[keyword] is JObject map)
            {
                foreach (var value in map.Properties().Select(p => p.Value).OfType<JObject>())
                {
                    yield return value;
                }
            }
        }
    }

    private static IEnumerable<JsonSchema> Children(JsonSchema schema)
    {
        if (schema.Reference is { } reference)
        {
            yield return reference;
        }

        foreach (var child in schema.Properties.Values
                     .Concat(schema.PatternProperties.Values)
                     .Concat(schema.Definitions.Values)
                     .Concat(schema.AllOf)
                     .Concat(schema.AnyOf)
                     .Concat(schema.OneOf)
                     .Concat(schema.Items))
        {
            yield return child;
        }

        foreach (var child in new[] { schema.Item, schema.Not, schema.AdditionalPropertiesSchema, schema.AdditionalItemsSchema })
        {
            if (child is not null)
            {
                yield return child;
            }
        }
    }
}
