using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Model.Schemas;

/// <summary>
/// Validates a <see cref="SourceNode"/> tree against a <see cref="CompiledSchema"/> directly, with no JSON in
/// between. <see cref="Accepts"/> answers yes or no and allocates nothing; most documents are valid and stop
/// there. Only for a document it rejects does <see cref="Collect"/> gather the failures, grouped and ordered as
/// NJsonSchema 10.7 (the former engine) reported them, so that every message stays the same.
/// <para>
/// Semantics kept from that engine on purpose (the tests and the differential pin them): <c>required</c> also
/// fails on a value that is not a mapping; <c>integer</c> rejects a YAML float even when it is integral;
/// <c>enum</c> and <c>uniqueItems</c> compare values by their text; a null value of a nullable property skips
/// it; <c>patternProperties</c> apply only to undeclared properties; with several types, any failure of the
/// value is reported as "one of: …". Recursion follows the document, whose depth the YAML reader bounds
/// (<see cref="YamlLimits.MaxDepth"/>), and the schema, whose cycles the compiler checks all descend into it.
/// </para>
/// </summary>
internal static class NodeValidator
{
    private const int PairwiseUniquenessLimit = 64;

    public static bool Accepts(SourceNode node, CompiledSchema schema)
    {
        if (schema.AnyOf.Length > 0 && !AnyAccepts(node, schema.AnyOf))
        {
            return false;
        }

        for (var i = 0; i < schema.AllOf.Length; i++)
        {
            if (!MemberAccepts(node, schema.AllOf[i]))
            {
                return false;
            }
        }

        if (schema.OneOf.Length > 0 && CountAccepting(node, schema.OneOf) != 1)
        {
            return false;
        }

        if (schema.Not is not null && Accepts(node, schema.Not))
        {
            return false;
        }

        var isNull = node is SourceScalar { Kind: ScalarKind.Null };
        if (!(isNull && schema.Nullable) && !(ValueChecksPass(node, schema) && MatchesType(node, schema.Types)))
        {
            return false;
        }

        if (schema.Enum.Length > 0 && !(isNull && schema.Nullable) && !InEnumeration(node, schema))
        {
            return false;
        }

        return PropertiesAccept(node, schema);
    }

    /// <summary>The failures of a document <see cref="Accepts"/> rejects, as NJsonSchema grouped them.</summary>
    public static List<SchemaError> Collect(SourceMapping root, CompiledSchema schema) =>
        Validate(root, null, schema, null, string.Empty);

    private static bool AnyAccepts(SourceNode node, CompiledSchema[] alternatives)
    {
        for (var i = 0; i < alternatives.Length; i++)
        {
            if (Accepts(node, alternatives[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static int CountAccepting(SourceNode node, CompiledSchema[] alternatives)
    {
        var count = 0;
        for (var i = 0; i < alternatives.Length; i++)
        {
            if (Accepts(node, alternatives[i]))
            {
                count++;
            }
        }

        return count;
    }

    private static bool MemberAccepts(SourceNode node, AllOfMember member) => member.Conditional is { } conditional
        ? Accepts(node, conditional.Condition) != conditional.AppliesWhenConditionMatches || Accepts(node, conditional.Branch)
        : Accepts(node, member.Schema!);

    private static bool MatchesType(SourceNode node, SchemaTypes types) =>
        types == SchemaTypes.None || (types & TypesOf(node)) != SchemaTypes.None;

    /// <summary>The types a value satisfies (a YAML integer is also a number).</summary>
    private static SchemaTypes TypesOf(SourceNode node) => node switch
    {
        SourceMapping => SchemaTypes.Object,
        SourceSequence => SchemaTypes.Array,
        SourceScalar { Kind: ScalarKind.String } => SchemaTypes.String,
        SourceScalar { Kind: ScalarKind.Integer } => SchemaTypes.Integer | SchemaTypes.Number,
        SourceScalar { Kind: ScalarKind.Float } => SchemaTypes.Number,
        SourceScalar { Kind: ScalarKind.Boolean } => SchemaTypes.Boolean,
        _ => SchemaTypes.Null,
    };

    /// <summary>The checks of a list, a string or a number that do not depend on the declared type.</summary>
    private static bool ValueChecksPass(SourceNode node, CompiledSchema schema)
    {
        switch (node)
        {
            case SourceSequence sequence:
                if ((schema.MinItems > 0 && sequence.Count < schema.MinItems) || (schema.MaxItems > 0 && sequence.Count > schema.MaxItems)
                    || (schema.UniqueItems && !ItemsAreUnique(sequence)))
                {
                    return false;
                }

                if (schema.Items is { } items)
                {
                    for (var i = 0; i < sequence.Count; i++)
                    {
                        if (!Accepts(sequence.ItemAt(i), items))
                        {
                            return false;
                        }
                    }
                }

                return true;
            case SourceScalar { Kind: ScalarKind.String } text:
                return (schema.Pattern is null || schema.Pattern.IsMatch(text.Value))
                    && (schema.MinLength is not { } min || text.Value.Length >= min)
                    && (schema.MaxLength is not { } max || text.Value.Length <= max)
                    && FormatHolds(schema.Format, text.Value);
            case SourceScalar number when ScalarValues.IsNumber(number):
                return (schema.Minimum is not { } minimum || ScalarValues.CompareTo(number, minimum) >= 0)
                    && (schema.ExclusiveMinimum is not { } exclusive || ScalarValues.CompareTo(number, exclusive) > 0);
            default:
                return true;
        }
    }

    private static bool FormatHolds(StringFormat format, string value) => format switch
    {
        StringFormat.Date => StandardFormats.IsDate(value),
        StringFormat.DateTime => StandardFormats.IsDateTime(value),
        StringFormat.Uri => StandardFormats.IsUri(value),
        _ => true,
    };

    private static bool InEnumeration(SourceNode node, CompiledSchema schema)
    {
        if (node is SourceScalar { Kind: ScalarKind.String } text)
        {
            for (var i = 0; i < schema.Enum.Length; i++)
            {
                if (string.Equals(schema.Enum[i], text.Value, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        var written = ValueText.Of(node);
        return schema.Enum.Contains(written, StringComparer.Ordinal);
    }

    private static bool ItemsAreUnique(SourceSequence sequence)
    {
        if (sequence.Count <= PairwiseUniquenessLimit)
        {
            for (var i = 1; i < sequence.Count; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    if (ValueText.SameText(sequence.ItemAt(i), sequence.ItemAt(j)))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < sequence.Count; i++)
        {
            if (!seen.Add(ValueText.Of(sequence.ItemAt(i))))
            {
                return false;
            }
        }

        return true;
    }

    private static bool PropertiesAccept(SourceNode node, CompiledSchema schema)
    {
        if (node is not SourceMapping mapping)
        {
            return schema.Types.HasFlag(SchemaTypes.Null) || schema.Required.Length == 0;
        }

        for (var i = 0; i < mapping.Count; i++)
        {
            var key = mapping.KeyAt(i);
            var value = mapping.ValueAt(i);
            if (schema.PropertiesByName.TryGetValue(key, out var property))
            {
                if (!(value is SourceScalar { Kind: ScalarKind.Null } && property.Schema.Nullable) && !Accepts(value, property.Schema))
                {
                    return false;
                }

                continue;
            }

            if (MatchingPattern(schema, key) is { } pattern)
            {
                if (!Accepts(value, pattern.Schema))
                {
                    return false;
                }
            }
            else if (schema.AdditionalPropertiesSchema is { } additional)
            {
                if (!Accepts(value, additional))
                {
                    return false;
                }
            }
            else if (!schema.AdditionalPropertiesAllowed)
            {
                return false;
            }
        }

        for (var i = 0; i < schema.Required.Length; i++)
        {
            if (!mapping.ContainsKey(schema.Required[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static PatternProperty? MatchingPattern(CompiledSchema schema, string name)
    {
        for (var i = 0; i < schema.PatternProperties.Length; i++)
        {
            if (schema.PatternProperties[i].Pattern.IsMatch(name))
            {
                return schema.PatternProperties[i];
            }
        }

        return null;
    }

    // ---- Collecting: NJsonSchema's JsonSchemaValidator.Validate, keyword by keyword and in its order.

    private static List<SchemaError> Validate(SourceNode node, SchemaLocation? location, CompiledSchema schema, string? property, string path)
    {
        var errors = new List<SchemaError>();
        var errorPath = "#/" + path;

        if (schema.AnyOf.Length > 0 && !AnyAccepts(node, schema.AnyOf))
        {
            var branchPath = SchemaLocation.TokenPath(location);
            errors.Add(new SchemaError(SchemaErrorKind.NotAnyOf, property, errorPath, node, schema)
            {
                Children = [.. schema.AnyOf.Select(a => Validate(node, location, a, null, branchPath))],
            });
        }

        if (schema.AllOf.Length > 0 && !schema.AllOf.All(m => MemberAccepts(node, m)))
        {
            var branchPath = SchemaLocation.TokenPath(location);
            errors.Add(new SchemaError(SchemaErrorKind.NotAllOf, property, errorPath, node, schema)
            {
                Children = [.. schema.AllOf.Select(m => MemberErrors(node, location, m, branchPath))],
            });
        }

        if (schema.OneOf.Length > 0 && CountAccepting(node, schema.OneOf) != 1)
        {
            var branchPath = SchemaLocation.TokenPath(location);
            errors.Add(new SchemaError(SchemaErrorKind.NotOneOf, property, errorPath, node, schema)
            {
                Children = [.. schema.OneOf.Select(a => Validate(node, location, a, null, branchPath))],
            });
        }

        if (schema.Not is not null && Accepts(node, schema.Not))
        {
            errors.Add(new SchemaError(SchemaErrorKind.ExcludedSchemaValidates, property, errorPath, node, schema));
        }

        var isNull = node is SourceScalar { Kind: ScalarKind.Null };
        if (!(isNull && schema.Nullable))
        {
            if (schema.HasSeveralTypes)
            {
                if (!(ValueChecksPass(node, schema) && MatchesType(node, schema.Types)))
                {
                    errors.Add(new SchemaError(SchemaErrorKind.NoTypeValidates, property, errorPath, node, schema));
                }
            }
            else
            {
                ValidateType(node, location, schema, property, path, errors);
            }

            if (schema.Enum.Length > 0 && !InEnumeration(node, schema))
            {
                errors.Add(new SchemaError(SchemaErrorKind.NotInEnumeration, property, errorPath, node, schema));
            }
        }

        ValidateProperties(node, location, schema, path, errors);
        return errors;
    }

    private static IReadOnlyList<SchemaError> MemberErrors(SourceNode node, SchemaLocation? location, AllOfMember member, string branchPath)
    {
        if (member.Conditional is not { } conditional)
        {
            return Validate(node, location, member.Schema!, null, branchPath);
        }

        if (MemberAccepts(node, member))
        {
            return [];
        }

        return
        [
            new SchemaError(SchemaErrorKind.NotAnyOf, null, "#/" + branchPath, node, null)
            {
                Conditional = conditional,
                Children = [Validate(node, location, conditional.Branch, null, branchPath)],
            },
        ];
    }

    private static void ValidateType(SourceNode node, SchemaLocation? location, CompiledSchema schema, string? property, string path, List<SchemaError> errors)
    {
        var errorPath = "#/" + path;
        var types = schema.Types;
        SchemaError Error(SchemaErrorKind kind) => new(kind, property, errorPath, node, schema);

        if (node is SourceSequence sequence)
        {
            if (schema.MinItems > 0 && sequence.Count < schema.MinItems)
            {
                errors.Add(Error(SchemaErrorKind.TooFewItems));
            }

            if (schema.MaxItems > 0 && sequence.Count > schema.MaxItems)
            {
                errors.Add(Error(SchemaErrorKind.TooManyItems));
            }

            if (schema.UniqueItems && !ItemsAreUnique(sequence))
            {
                errors.Add(Error(SchemaErrorKind.ItemsNotUnique));
            }

            for (var i = 0; schema.Items is { } items && i < sequence.Count; i++)
            {
                var item = sequence.ItemAt(i);
                if (!Accepts(item, items))
                {
                    var index = $"[{i}]";
                    var itemPath = string.IsNullOrEmpty(path) ? index : path + index;
                    errors.Add(new SchemaError(SchemaErrorKind.ArrayItemNotValid, index, "#/" + itemPath, item, items)
                    {
                        Children = [Validate(item, location?.Item(i) ?? new SchemaLocation(null, null, i), items, null, itemPath)],
                    });
                }
            }
        }
        else if (types.HasFlag(SchemaTypes.Array))
        {
            errors.Add(Error(SchemaErrorKind.ArrayExpected));
        }

        if (node is SourceScalar { Kind: ScalarKind.String } text)
        {
            if (schema.Pattern is not null && !schema.Pattern.IsMatch(text.Value))
            {
                errors.Add(Error(SchemaErrorKind.PatternMismatch));
            }

            if (schema.MinLength is { } min && text.Value.Length < min)
            {
                errors.Add(Error(SchemaErrorKind.StringTooShort));
            }

            if (schema.MaxLength is { } max && text.Value.Length > max)
            {
                errors.Add(Error(SchemaErrorKind.StringTooLong));
            }

            if (!FormatHolds(schema.Format, text.Value))
            {
                errors.Add(Error(schema.Format switch
                {
                    StringFormat.Date => SchemaErrorKind.DateExpected,
                    StringFormat.DateTime => SchemaErrorKind.DateTimeExpected,
                    _ => SchemaErrorKind.UriExpected,
                }));
            }
        }
        else if (types.HasFlag(SchemaTypes.String))
        {
            errors.Add(Error(SchemaErrorKind.StringExpected));
        }

        var isNumber = node is SourceScalar scalar && ScalarValues.IsNumber(scalar);
        if (types.HasFlag(SchemaTypes.Number) && !isNumber)
        {
            errors.Add(Error(SchemaErrorKind.NumberExpected));
        }

        if (isNumber)
        {
            var number = (SourceScalar)node;
            if (schema.Minimum is { } minimum && ScalarValues.CompareTo(number, minimum) < 0)
            {
                errors.Add(Error(SchemaErrorKind.NumberTooSmall));
            }

            if (schema.ExclusiveMinimum is { } exclusive && ScalarValues.CompareTo(number, exclusive) <= 0)
            {
                errors.Add(Error(SchemaErrorKind.NumberTooSmall));
            }
        }

        if (types.HasFlag(SchemaTypes.Integer) && node is not SourceScalar { Kind: ScalarKind.Integer })
        {
            errors.Add(Error(SchemaErrorKind.IntegerExpected));
        }

        if (types.HasFlag(SchemaTypes.Boolean) && node is not SourceScalar { Kind: ScalarKind.Boolean })
        {
            errors.Add(Error(SchemaErrorKind.BooleanExpected));
        }

        if (types.HasFlag(SchemaTypes.Null) && node is not SourceScalar { Kind: ScalarKind.Null })
        {
            errors.Add(Error(SchemaErrorKind.NullExpected));
        }

        if (types.HasFlag(SchemaTypes.Object) && node is not SourceMapping)
        {
            errors.Add(Error(SchemaErrorKind.ObjectExpected));
        }
    }

    private static void ValidateProperties(SourceNode node, SchemaLocation? location, CompiledSchema schema, string path, List<SchemaError> errors)
    {
        var mapping = node as SourceMapping;
        if (mapping is null && schema.Types.HasFlag(SchemaTypes.Null))
        {
            return;
        }

        foreach (var property in schema.Properties)
        {
            var propertyPath = Join(path, property.Name);
            if (mapping?[property.Name] is { } value)
            {
                if (value is SourceScalar { Kind: ScalarKind.Null } && property.Schema.Nullable)
                {
                    continue;
                }

                errors.AddRange(Validate(value, Child(location, property.Name), property.Schema, property.Name, propertyPath));
            }
            else if (property.Required)
            {
                errors.Add(new SchemaError(SchemaErrorKind.PropertyRequired, property.Name, "#/" + propertyPath, node, schema));
            }
        }

        foreach (var name in schema.RequiredOnly)
        {
            if (mapping is null || !mapping.ContainsKey(name))
            {
                errors.Add(new SchemaError(SchemaErrorKind.PropertyRequired, name, "#/" + Join(path, name), node, schema));
            }
        }

        if (mapping is null)
        {
            return;
        }

        // Key nodes are made only for the keys a finding names (see SourceMapping).
        var additional = new List<KeyValuePair<SourceScalar, SourceNode>>();
        for (var i = 0; i < mapping.Count; i++)
        {
            if (!schema.PropertiesByName.ContainsKey(mapping.KeyAt(i)))
            {
                additional.Add(mapping.EntryAt(i));
            }
        }

        var unmatched = new List<KeyValuePair<SourceScalar, SourceNode>>();
        foreach (var (key, value) in additional)
        {
            if (MatchingPattern(schema, key.Value) is { } pattern)
            {
                AddChildErrors(value, Child(location, key.Value), key.Value, pattern.Schema, errors);
            }
            else
            {
                unmatched.Add(new(key, value));
            }
        }

        foreach (var (key, value) in unmatched)
        {
            if (schema.AdditionalPropertiesSchema is { } additionalSchema)
            {
                AddChildErrors(value, Child(location, key.Value), key.Value, additionalSchema, errors);
            }
            else if (!schema.AdditionalPropertiesAllowed)
            {
                errors.Add(new SchemaError(SchemaErrorKind.NoAdditionalPropertiesAllowed, key.Value, "#/" + Join(path, key.Value), key, schema));
            }
        }
    }

    private static void AddChildErrors(SourceNode value, SchemaLocation location, string name, CompiledSchema schema, List<SchemaError> errors)
    {
        if (Accepts(value, schema))
        {
            return;
        }

        var propertyPath = SchemaLocation.TokenPath(location);
        errors.Add(new SchemaError(SchemaErrorKind.AdditionalPropertiesNotValid, name, "#/" + propertyPath, value, schema)
        {
            Children = [Validate(value, location, schema, null, propertyPath)],
        });
    }

    private static SchemaLocation Child(SchemaLocation? location, string name) => location?.Property(name) ?? new SchemaLocation(null, name, -1);

    private static string Join(string path, string name) => string.IsNullOrEmpty(path) ? name : path + "." + name;
}
