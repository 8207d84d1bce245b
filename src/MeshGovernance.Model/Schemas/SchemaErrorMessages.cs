using System.Globalization;
using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Yaml;
using NJsonSchema;
using NJsonSchema.Validation;

namespace MeshGovernance.Model.Schemas;

/// <summary>Turns one NJsonSchema validation error into a diagnostic a domain team can act on.</summary>
internal static class SchemaErrorMessages
{
    public static Diagnostic Describe(ValidationError error, SourceIndex index, SourceMapping root, string? subject)
    {
        var path = DisplayPath(error.Path);
        var node = error.HasLineInfo ? index.ValueAt(error.LineNumber, error.LinePosition) : null;
        var key = error.HasLineInfo ? index.KeyAt(error.LineNumber, error.LinePosition) : null;
        if (node is null && key is null)
        {
            // Errors raised inside anyOf/allOf branches may lack line information; fall back on the path.
            node = SourceIndex.FindByPath(root, error.Kind == ValidationErrorKind.PropertyRequired ? ParentPath(error.Path, error.Property) : error.Path);
        }

        var span = node?.Span ?? key?.Span ?? root.Span;
        var schema = error.Schema;

        (DiagnosticDescriptor descriptor, string message) = error.Kind switch
        {
            ValidationErrorKind.PropertyRequired => Required(error, node, ref span),
            ValidationErrorKind.NoAdditionalPropertiesAllowed => Unknown(error, schema, root, key, ref span),
            ValidationErrorKind.NotInEnumeration => (DiagnosticCatalog.SchemaValueNotAllowed, NotInEnumeration(path, schema, node)),
            ValidationErrorKind.PatternMismatch => (DiagnosticCatalog.SchemaValueNotAllowed, $"{path} must match the pattern {schema?.Pattern}; found {Found(node)}."),
            ValidationErrorKind.StringTooShort => (DiagnosticCatalog.SchemaOutOfRange, $"{path} must be at least {schema?.MinLength} characters long; found {Found(node)}."),
            ValidationErrorKind.StringTooLong => (DiagnosticCatalog.SchemaOutOfRange, $"{path} must be at most {schema?.MaxLength} characters long."),
            ValidationErrorKind.NumberTooSmall => (DiagnosticCatalog.SchemaOutOfRange, $"{path} must be at least {Format(schema?.Minimum ?? schema?.ExclusiveMinimum)}; found {Found(node)}."),
            ValidationErrorKind.NumberTooBig or ValidationErrorKind.IntegerTooBig => (DiagnosticCatalog.SchemaOutOfRange, $"{path} must be at most {Format(schema?.Maximum ?? schema?.ExclusiveMaximum)}; found {Found(node)}."),
            ValidationErrorKind.TooFewItems => (DiagnosticCatalog.SchemaOutOfRange, $"{path} must hold at least {schema?.MinItems} item(s); found {Count(node)}."),
            ValidationErrorKind.TooManyItems => (DiagnosticCatalog.SchemaOutOfRange, $"{path} may hold at most {schema?.MaxItems} item(s); found {Count(node)}."),
            ValidationErrorKind.ItemsNotUnique => (DiagnosticCatalog.SchemaOutOfRange, $"{path} must not repeat an item."),
            ValidationErrorKind.TooFewProperties => (DiagnosticCatalog.SchemaOutOfRange, $"{path} must have at least {schema?.MinProperties} properties."),
            ValidationErrorKind.TooManyProperties => (DiagnosticCatalog.SchemaOutOfRange, $"{path} may have at most {schema?.MaxProperties} properties."),
            ValidationErrorKind.NotOneOf or ValidationErrorKind.NotAnyOf => (DiagnosticCatalog.SchemaNoAlternative, $"{path} matches more than one of the allowed forms, or none; see the schema for the forms allowed here."),
            ValidationErrorKind.UriExpected => (DiagnosticCatalog.SchemaValueNotAllowed, $"{path} must be a URI (RFC 3986); found {Found(node)}: {(node is SourceScalar uri ? StandardFormats.FirstUriError(uri.Value) : null) ?? "it is not one"}."),
            ValidationErrorKind.DateExpected => (DiagnosticCatalog.SchemaValueNotAllowed, $"{path} must be a date written YYYY-MM-DD, such as 2024-05-31; found {Found(node)}."),
            ValidationErrorKind.DateTimeExpected => (DiagnosticCatalog.SchemaValueNotAllowed, $"{path} must be a date and time with its UTC offset, such as 2024-05-31T09:30:00Z (RFC 3339); found {Found(node)}."),
            ValidationErrorKind.ExcludedSchemaValidates => (DiagnosticCatalog.SchemaValueNotAllowed, $"{path} has a form the schema excludes here."),
            _ when ExpectedType(error.Kind, schema) is { } expected => (DiagnosticCatalog.SchemaWrongType, $"{path} must be {expected}; found {Found(node)}."),
            _ => (DiagnosticCatalog.SchemaValueNotAllowed, $"{path} does not satisfy the schema ({error.Kind})."),
        };

        return descriptor.Create(span, message, subject);
    }

    /// <summary>
    /// The message of a finding made by the schema of an older release, naming it: "Property 'id' is not
    /// allowed in ODCS v3.0.2 in schema[0].", "… (required when type is 'sql', in ODCS v3.0.2).", or the
    /// first sentence followed by "(ODCS v3.0.2)".
    /// </summary>
    public static string InVersion(string message, string standard)
    {
        const string NotAllowed = "' is not allowed ";
        var at = message.IndexOf(NotAllowed, StringComparison.Ordinal);
        if (message.StartsWith("Property '", StringComparison.Ordinal) && at > 0)
        {
            return message[..(at + NotAllowed.Length)] + "in " + standard + " " + message[(at + NotAllowed.Length)..];
        }

        var end = message.IndexOf(". Did you mean", StringComparison.Ordinal);
        end = end >= 0 ? end : message.EndsWith('.') ? message.Length - 1 : message.Length;
        return message[..end].EndsWith(')')
            ? message[..(end - 1)] + $", in {standard})" + message[end..]
            : message[..end] + $" ({standard})" + message[end..];
    }

    /// <summary>
    /// The finding as a conditional rule's (MG1106), naming the conditions that require it:
    /// "(required when type is 'library' or rule is set)".
    /// </summary>
    public static Diagnostic WithConditions(Diagnostic diagnostic, IReadOnlyList<string> conditions)
    {
        const string When = "required when ";
        var because = conditions.All(c => c.StartsWith(When, StringComparison.Ordinal))
            ? When + string.Join(" or ", conditions.Select(c => c[When.Length..]))
            : string.Join("; ", conditions);
        return DiagnosticCatalog.SchemaConditional.Create(diagnostic.Span, diagnostic.Message.TrimEnd('.') + $" ({because}).", diagnostic.Subject);
    }

    /// <summary>
    /// "required when type is 'postgres'", from the rule's <c>if</c> schema. For a rule that applies, only
    /// the alternatives of the condition that the node meets are named (not "… or metric is set" when
    /// metric is what is missing).
    /// </summary>
    public static string DescribeCondition(ConditionalRule rule, SourceNode? node)
    {
        var instance = rule.AppliesWhenConditionMatches && node is not null ? SourceNodeJsonReader.ToJson(node) : null;
        var when = DescribeSchema(rule.Condition.ActualSchema, instance);
        if (when.Length == 0)
        {
            return "required by a conditional rule of the schema";
        }

        return rule.AppliesWhenConditionMatches ? $"required when {when}" : $"required unless {when}";
    }

    /// <summary>
    /// The conditions a schema states, in words: "type is 'sql'", "metric is set", joined. Given the
    /// instance, alternatives it does not meet are left out (all are kept if it meets none).
    /// </summary>
    private static string DescribeSchema(JsonSchema schema, Newtonsoft.Json.Linq.JToken? instance = null)
    {
        var parts = new List<string>();
        foreach (var (name, property) in schema.Properties)
        {
            var values = property.ActualSchema.Enumeration.Select(v => $"'{v}'").ToList();
            if (values.Count == 1)
            {
                parts.Add($"{name} is {values[0]}");
            }
            else if (values.Count > 1)
            {
                parts.Add($"{name} is one of {string.Join(", ", values)}");
            }
        }

        parts.AddRange(schema.RequiredProperties.Where(r => !schema.Properties.ContainsKey(r)).Select(r => $"{r} is set"));
        var branches = schema.AnyOf.Concat(schema.OneOf).ToList();
        if (instance is not null && branches.Where(b => b.Validate(instance).Count == 0).ToList() is { Count: > 0 } met)
        {
            branches = met;
        }

        var alternatives = branches.Select(a => DescribeSchema(a.ActualSchema)).Where(a => a.Length > 0).ToList();
        if (alternatives.Count > 0)
        {
            parts.Add(string.Join(" or ", alternatives));
        }

        return string.Join(" and ", parts);
    }

    private static (DiagnosticDescriptor, string) Required(ValidationError error, SourceNode? owner, ref SourceSpan span)
    {
        var parent = DisplayPath(ParentPath(error.Path, error.Property));
        if (owner is SourceMapping { Entries.Count: > 0 } mapping)
        {
            // Point at the object's first line rather than the whole object.
            span = mapping.Entries[0].Key.Span;
        }

        var where = parent == TopLevel ? "The document" : parent;
        return (DiagnosticCatalog.SchemaRequired, $"{Truncate(where)} is missing the required property '{error.Property}'.");
    }

    private static (DiagnosticDescriptor, string) Unknown(ValidationError error, JsonSchema? schema, SourceMapping root, SourceScalar? key, ref SourceSpan span)
    {
        // The error's position is the property's value (for a block value, the line below the key): find
        // the key itself in its mapping by path, and fall back on the position only when that fails.
        var parentPath = ParentPath(error.Path, error.Property);
        if (error.Property is not null && SourceIndex.FindByPath(root, parentPath) is SourceMapping owner && owner.KeyNode(error.Property) is { } ownKey)
        {
            span = ownKey.Span;
        }
        else if (key is not null)
        {
            span = key.Span;
        }

        var parent = DisplayPath(parentPath);
        var allowed = schema?.ActualSchema.ActualProperties.Keys.ToList() ?? [];
        var where = parent == TopLevel ? "at the top level" : $"in {parent}";
        var message = $"Property '{Truncate(error.Property ?? string.Empty)}' is not allowed {where}.";
        var suggestion = Spelling.Closest(error.Property ?? string.Empty, allowed);
        if (suggestion is not null)
        {
            message += $" Did you mean '{suggestion}'?";
        }
        else if (allowed.Count is > 0 and <= 15)
        {
            message += $" Allowed: {string.Join(", ", allowed)}.";
        }

        return (DiagnosticCatalog.SchemaUnknownProperty, message);
    }

    private static string NotInEnumeration(string path, JsonSchema? schema, SourceNode? node)
    {
        var allowed = schema?.Enumeration.Select(v => v?.ToString() ?? "null").ToList() ?? [];
        var message = $"{path} must be one of: {string.Join(", ", allowed)}; found {Found(node)}.";
        var suggestion = node is SourceScalar s ? Spelling.Closest(s.Value, allowed) : null;
        return suggestion is null ? message : message.TrimEnd('.') + $". Did you mean '{suggestion}'?";
    }

    private static string? ExpectedType(ValidationErrorKind kind, JsonSchema? schema) => kind switch
    {
        ValidationErrorKind.StringExpected => "a string",
        ValidationErrorKind.NumberExpected => "a number",
        ValidationErrorKind.IntegerExpected => "an integer",
        ValidationErrorKind.BooleanExpected => "a boolean (true or false)",
        ValidationErrorKind.ObjectExpected => "a mapping (key: value pairs)",
        ValidationErrorKind.ArrayExpected => "a list",
        ValidationErrorKind.NullExpected => "empty (null)",
        ValidationErrorKind.NoTypeValidates when schema is not null => "one of: " + string.Join(", ", TypeNames(schema.Type)),
        _ => null,
    };

    private static IEnumerable<string> TypeNames(JsonObjectType type) =>
        Enum.GetValues<JsonObjectType>().Where(t => t != JsonObjectType.None && type.HasFlag(t)).Select(t => t.ToString().ToLowerInvariant());

    private static string Found(SourceNode? node) => node switch
    {
        SourceScalar { Kind: ScalarKind.String } s => $"'{Truncate(s.Value)}'",
        SourceScalar { Kind: ScalarKind.Null } => "an empty value",
        SourceScalar { Kind: ScalarKind.Boolean } s => $"the boolean {s.Value}",
        SourceScalar s => $"the number {Truncate(s.Value)}",
        SourceMapping => "a mapping",
        SourceSequence => "a list",
        _ => "another value",
    };

    private static string Count(SourceNode? node) => node is SourceSequence seq ? seq.Items.Count.ToString(CultureInfo.InvariantCulture) : "another value";

    private static string Truncate(string value) => value.Length <= 60 ? value : value[..57] + "...";

    private static string Format(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "the bound";

    private const string TopLevel = "(top level)";

    private static string DisplayPath(string? path)
    {
        var trimmed = (path ?? string.Empty).TrimStart('#').TrimStart('/');
        return trimmed.Length == 0 ? TopLevel : trimmed;
    }

    private static string ParentPath(string? path, string? property)
    {
        path ??= string.Empty;
        if (property is not null && path.EndsWith("." + property, StringComparison.Ordinal))
        {
            return path[..^(property.Length + 1)];
        }

        if (property is not null && path.EndsWith("/" + property, StringComparison.Ordinal))
        {
            return path[..^property.Length];
        }

        return path;
    }
}
