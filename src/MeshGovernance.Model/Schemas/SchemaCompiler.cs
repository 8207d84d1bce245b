using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MeshGovernance.Model.Schemas;

/// <summary>
/// Compiles one draft-07 schema file into <see cref="CompiledSchema"/>s for <see cref="NodeValidator"/>.
/// Only the keywords our schemas use are accepted (the list tools/schema-differential enforces); any other
/// keyword, a <c>$ref</c> that is not <c>#/definitions/Name</c>, or a cycle of references that never descends
/// into the document is refused with a <see cref="NotSupportedException"/>, so that a schema edit cannot be
/// silently ignored by the validator.
/// </summary>
internal sealed class SchemaCompiler
{
    private readonly string _fileName;
    private readonly Dictionary<string, CompiledSchema> _definitions = new(StringComparer.Ordinal);
    private readonly List<CompiledSchema> _compiled = [];

    // How NJsonSchema saw each schema's allOf once the conditionals were rewritten into it: the names an
    // unknown property is compared with and which schemas count as nullable follow from it.
    private readonly Dictionary<CompiledSchema, List<AllOfView>> _allOfViews = new(ReferenceEqualityComparer.Instance);

    private SchemaCompiler(string fileName) => _fileName = fileName;

    /// <summary>Compiles the schema in <paramref name="json"/>; <paramref name="fileName"/> names it in refusals.</summary>
    public static CompiledSchema Compile(string json, string fileName)
    {
        using var document = JsonDocument.Parse(json);
        return new SchemaCompiler(fileName).CompileDocument(document.RootElement);
    }

    private CompiledSchema CompileDocument(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Refuse("#", "the document is not a JSON object");
        }

        var bodies = new List<(CompiledSchema Schema, JsonElement Body)>();
        if (root.TryGetProperty("definitions", out var definitions))
        {
            if (definitions.ValueKind != JsonValueKind.Object)
            {
                throw Refuse("#/definitions", "definitions must be an object");
            }

            foreach (var definition in definitions.EnumerateObject())
            {
                var location = "#/definitions/" + definition.Name;
                if (definition.Value.ValueKind != JsonValueKind.Object || definition.Value.TryGetProperty("$ref", out _))
                {
                    throw Refuse(location, "a definition must be a schema object, not a boolean or a bare $ref");
                }

                var placeholder = New(location);
                _definitions.Add(definition.Name, placeholder);
                bodies.Add((placeholder, definition.Value));
            }
        }

        var schema = New("#");
        Fill(schema, root, "#");
        foreach (var (placeholder, body) in bodies)
        {
            Fill(placeholder, body, placeholder.Location);
        }

        RefuseCyclesWithinOneValue();
        var nullable = new Dictionary<CompiledSchema, bool>(ReferenceEqualityComparer.Instance);
        foreach (var compiled in _compiled)
        {
            compiled.Nullable = IsNullable(compiled, nullable);
            if (!compiled.AdditionalPropertiesAllowed)
            {
                compiled.AllowedNames = [.. ActualPropertyNames(compiled, [])];
            }
        }

        return schema;
    }

    private CompiledSchema New(string location)
    {
        var schema = new CompiledSchema { Location = location };
        _compiled.Add(schema);
        return schema;
    }

    private (CompiledSchema Schema, bool IsReference) Subschema(JsonElement element, string location)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Refuse(location, "a subschema must be a JSON object (boolean schemas are only accepted as additionalProperties)");
        }

        if (element.TryGetProperty("$ref", out var reference))
        {
            foreach (var sibling in element.EnumerateObject())
            {
                if (sibling.Name is not ("$ref" or "description" or "title"))
                {
                    throw Refuse(location, $"'{sibling.Name}' beside $ref (only description and title may accompany it)");
                }
            }

            const string Prefix = "#/definitions/";
            var target = reference.ValueKind == JsonValueKind.String ? reference.GetString()! : string.Empty;
            if (!target.StartsWith(Prefix, StringComparison.Ordinal) || !_definitions.TryGetValue(target[Prefix.Length..], out var resolved))
            {
                throw Refuse(location, $"the reference '{target}' (only #/definitions/Name of the same file is supported)");
            }

            return (resolved, true);
        }

        var schema = New(location);
        Fill(schema, element, location);
        return (schema, false);
    }

    private void Fill(CompiledSchema schema, JsonElement element, string location)
    {
        var members = new List<AllOfMember>();
        var view = new List<AllOfView>();
        CompiledSchema? condition = null, then = null, otherwise = null;
        (CompiledSchema Schema, bool IsReference)? singleAnyOf = null, singleOneOf = null;
        var properties = new List<(string Name, CompiledSchema Schema)>();
        var required = new List<string>();

        foreach (var keyword in element.EnumerateObject())
        {
            var at = location + "/" + keyword.Name;
            var value = keyword.Value;
            switch (keyword.Name)
            {
                case "description" or "title":
                    break;
                case "$schema" or "definitions" when location == "#":
                    break;
                case "type":
                    (schema.Types, schema.HasSeveralTypes) = Types(value, at);
                    break;
                case "properties":
                    foreach (var property in Object(value, at).EnumerateObject())
                    {
                        properties.Add((property.Name, Subschema(property.Value, at + "/" + property.Name).Schema));
                    }

                    break;
                case "required":
                    required.AddRange(Strings(value, at));
                    break;
                case "additionalProperties":
                    if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
                    {
                        schema.AdditionalPropertiesAllowed = value.ValueKind == JsonValueKind.True;
                    }
                    else
                    {
                        schema.AdditionalPropertiesSchema = Subschema(value, at).Schema;
                    }

                    break;
                case "patternProperties":
                    schema.PatternProperties = [.. Object(value, at).EnumerateObject().Select(p => new PatternProperty(CompilePattern(p.Name, at), Subschema(p.Value, at + "/" + p.Name).Schema))];
                    break;
                case "items":
                    schema.Items = value.ValueKind == JsonValueKind.Array
                        ? throw Refuse(at, "items as a list (tuple validation)")
                        : Subschema(value, at).Schema;
                    break;
                case "minItems":
                    schema.MinItems = Count(value, at);
                    break;
                case "maxItems":
                    schema.MaxItems = Count(value, at);
                    break;
                case "uniqueItems":
                    schema.UniqueItems = value.ValueKind == JsonValueKind.True || (value.ValueKind != JsonValueKind.False ? throw Refuse(at, "uniqueItems must be true or false") : false);
                    break;
                case "enum":
                    schema.Enum = [.. Strings(value, at)];
                    break;
                case "pattern":
                    schema.Pattern = value.ValueKind == JsonValueKind.String ? CompilePattern(value.GetString()!, at) : throw Refuse(at, "pattern must be a string");
                    break;
                case "minLength":
                    schema.MinLength = Count(value, at);
                    break;
                case "maxLength":
                    schema.MaxLength = Count(value, at);
                    break;
                case "minimum":
                    schema.Minimum = Number(value, at);
                    break;
                case "exclusiveMinimum":
                    schema.ExclusiveMinimum = Number(value, at);
                    break;
                case "format":
                    schema.Format = (value.ValueKind == JsonValueKind.String ? value.GetString() : null) switch
                    {
                        "date" => StringFormat.Date,
                        "date-time" => StringFormat.DateTime,
                        "uri" => StringFormat.Uri,
                        var other => throw Refuse(at, $"the format '{other}' (supported: date, date-time, uri)"),
                    };
                    break;
                case "allOf":
                    foreach (var (item, index) in List(value, at).Select((item, index) => (item, index)))
                    {
                        var (member, isReference) = Subschema(item, $"{at}/{index}");
                        members.Add(new AllOfMember(member, null, isReference));
                        view.Add(new AllOfView(member, isReference));
                    }

                    break;
                case "anyOf":
                    var anyOf = List(value, at).Select((item, index) => Subschema(item, $"{at}/{index}")).ToList();
                    singleAnyOf = anyOf.Count == 1 ? anyOf[0] : null;
                    schema.AnyOf = anyOf.Count > 1 ? [.. anyOf.Select(a => a.Schema)] : [];
                    break;
                case "oneOf":
                    var oneOf = List(value, at).Select((item, index) => Subschema(item, $"{at}/{index}")).ToList();
                    singleOneOf = oneOf.Count == 1 ? oneOf[0] : null;
                    schema.OneOf = oneOf.Count > 1 ? [.. oneOf.Select(a => a.Schema)] : [];
                    break;
                case "not":
                    schema.Not = Subschema(value, at).Schema;
                    break;
                case "if":
                    condition = Subschema(value, at).Schema;
                    break;
                case "then":
                    then = Subschema(value, at).Schema;
                    break;
                case "else":
                    otherwise = Subschema(value, at).Schema;
                    break;
                default:
                    throw Refuse(at, $"the keyword '{keyword.Name}', which the validator does not evaluate");
            }
        }

        if (condition is null && (then is not null || otherwise is not null))
        {
            throw Refuse(location, "then or else without if");
        }

        // The order of evaluation (and so of the findings) of the former path, which appended each conditional
        // and a lone anyOf/oneOf item to allOf.
        if (condition is not null && then is not null)
        {
            members.Add(new AllOfMember(null, new SchemaConditional(condition, then, AppliesWhenConditionMatches: true), false));
            view.Add(new AllOfView(null, false));
        }

        if (condition is not null && otherwise is not null)
        {
            members.Add(new AllOfMember(null, new SchemaConditional(condition, otherwise, AppliesWhenConditionMatches: false), false));
            view.Add(new AllOfView(null, false));
        }

        foreach (var single in new[] { singleAnyOf, singleOneOf })
        {
            if (single is { } lone)
            {
                members.Add(new AllOfMember(lone.Schema, null, lone.IsReference));
                view.Add(new AllOfView(lone.Schema, lone.IsReference));
            }
        }

        if (view is [{ IsReference: true }])
        {
            view.Add(new AllOfView(null, false));
        }

        var requiredNames = new HashSet<string>(required, StringComparer.Ordinal);
        schema.Properties = [.. properties.Select(p => new SchemaProperty(p.Name, p.Schema, requiredNames.Contains(p.Name)))];
        schema.PropertiesByName = schema.Properties.ToFrozenDictionary(p => p.Name, StringComparer.Ordinal);
        schema.Required = [.. required];
        schema.RequiredOnly = [.. required.Where(r => !schema.PropertiesByName.ContainsKey(r))];
        schema.AllOf = [.. members];
        _allOfViews[schema] = view;
    }

    private void RefuseCyclesWithinOneValue()
    {
        // allOf, anyOf, oneOf, not and conditionals judge the same value as their parent: a cycle through them
        // alone would never end. Cycles through properties or items descend into the document, which is bounded.
        var state = new Dictionary<CompiledSchema, bool>(ReferenceEqualityComparer.Instance);
        foreach (var schema in _compiled)
        {
            Visit(schema);
        }

        void Visit(CompiledSchema schema)
        {
            if (state.TryGetValue(schema, out var done))
            {
                if (!done)
                {
                    throw Refuse(schema.Location, "a cycle of references that never descends into the document");
                }

                return;
            }

            state[schema] = false;
            foreach (var next in SameValueSubschemas(schema))
            {
                Visit(next);
            }

            state[schema] = true;
        }
    }

    private static IEnumerable<CompiledSchema> SameValueSubschemas(CompiledSchema schema)
    {
        foreach (var member in schema.AllOf)
        {
            if (member.Schema is not null)
            {
                yield return member.Schema;
            }

            if (member.Conditional is { } conditional)
            {
                yield return conditional.Condition;
                yield return conditional.Branch;
            }
        }

        foreach (var alternative in schema.AnyOf.Concat(schema.OneOf))
        {
            yield return alternative;
        }

        if (schema.Not is not null)
        {
            yield return schema.Not;
        }
    }

    // NJsonSchema's IsNullable, as it applied to the rewritten schemas (a $ref is already the schema it names).
    private bool IsNullable(CompiledSchema schema, Dictionary<CompiledSchema, bool> known)
    {
        if (known.TryGetValue(schema, out var nullable))
        {
            return nullable;
        }

        known[schema] = false;
        nullable = schema.Types.HasFlag(SchemaTypes.Null)
            || (schema.Types == SchemaTypes.None && schema.OneOf.Any(o => IsNullable(o, known)));
        var view = _allOfViews[schema];
        if (!nullable && view.Count > 1 && view.Where(m => !m.IsReference && !IsDictionary(m.Schema)).ToList() is [var only])
        {
            nullable = only.Schema is not null && IsNullable(only.Schema, known);
        }

        known[schema] = nullable;
        return nullable;
    }

    private bool IsDictionary(CompiledSchema? schema) =>
        schema is not null && schema.Types.HasFlag(SchemaTypes.Object) && ActualPropertyNames(schema, []).Count == 0
        && (schema.AdditionalPropertiesSchema is not null || schema.PatternProperties.Length > 0);

    // NJsonSchema's ActualProperties: the schema's own properties, then those of its allOf members except the
    // one it took for the inherited (base) schema.
    private List<string> ActualPropertyNames(CompiledSchema schema, HashSet<CompiledSchema> visiting)
    {
        var names = schema.Properties.Select(p => p.Name).ToList();
        if (!visiting.Add(schema))
        {
            return names;
        }

        var view = _allOfViews[schema];
        var inherited = InheritedSchema(view);
        foreach (var member in view)
        {
            if (member.Schema is not null && !ReferenceEquals(member.Schema, inherited))
            {
                names.AddRange(ActualPropertyNames(member.Schema, visiting).Where(n => !names.Contains(n)));
            }
        }

        visiting.Remove(schema);
        return names;
    }

    private static CompiledSchema? InheritedSchema(List<AllOfView> view) => view switch
    {
        [] => null,
        [var only] => only.Schema,
        _ => view.FirstOrDefault(m => m.IsReference)?.Schema
             ?? view.FirstOrDefault(m => m.Schema is not null && m.Schema.Types.HasFlag(SchemaTypes.Object))?.Schema
             ?? view[0].Schema,
    };

    private (SchemaTypes Types, bool Several) Types(JsonElement value, string at)
    {
        var names = value.ValueKind == JsonValueKind.Array ? Strings(value, at) : value.ValueKind == JsonValueKind.String ? [value.GetString()!] : throw Refuse(at, "type must be a string or a list of strings");
        var types = SchemaTypes.None;
        foreach (var name in names)
        {
            types |= name switch
            {
                "array" => SchemaTypes.Array,
                "boolean" => SchemaTypes.Boolean,
                "integer" => SchemaTypes.Integer,
                "null" => SchemaTypes.Null,
                "number" => SchemaTypes.Number,
                "object" => SchemaTypes.Object,
                "string" => SchemaTypes.String,
                _ => throw Refuse(at, $"the type '{name}'"),
            };
        }

        return (types, System.Numerics.BitOperations.PopCount((uint)types) > 1);
    }

    private JsonElement Object(JsonElement value, string at) =>
        value.ValueKind == JsonValueKind.Object ? value : throw Refuse(at, "expected an object");

    private IEnumerable<JsonElement> List(JsonElement value, string at) =>
        value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0 ? value.EnumerateArray() : throw Refuse(at, "expected a non-empty list");

    private List<string> Strings(JsonElement value, string at) =>
        value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String)
            ? [.. value.EnumerateArray().Select(v => v.GetString()!)]
            : throw Refuse(at, "expected a list of strings");

    private int Count(JsonElement value, string at) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var count) && count >= 0 ? count : throw Refuse(at, "expected a non-negative integer");

    private decimal Number(JsonElement value, string at) =>
        value.ValueKind == JsonValueKind.Number && decimal.TryParse(value.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw Refuse(at, "expected a number (a boolean exclusiveMinimum is draft-04)");

    // .NET semantics, no options, as the former path's Regex.IsMatch(value, pattern): the schemas rely on them
    // ($(?!\n)). Interpreted rather than compiled: compiling costs more at start-up than it saves on short values.
    private Regex CompilePattern(string pattern, string at)
    {
        try
        {
            return new Regex(pattern, RegexOptions.None);
        }
        catch (ArgumentException e)
        {
            throw Refuse(at, $"the pattern '{pattern}', which does not compile: {e.Message}");
        }
    }

    private NotSupportedException Refuse(string location, string what) =>
        new($"The schema {_fileName} uses {what} at {location}; the validator only evaluates the draft-07 keywords our schemas use (see SchemaCompiler).");
}
