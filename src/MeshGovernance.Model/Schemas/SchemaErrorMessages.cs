using System.Globalization;
using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Model.Schemas;

/// <summary>Turns one schema failure into a diagnostic a domain team can act on.</summary>
internal static class SchemaErrorMessages
{
    public static Diagnostic Describe(SchemaError error, SourceIndex index, SourceMapping root, string? subject)
    {
        var path = DisplayPath(error.Path);
        // The node (or key) that starts where the failing value does: an alias's node is reported where it was anchored.
        var (line, column) = (error.Token.Span.Line, error.Token.Span.Column);
        var node = index.ValueAt(line, column);
        var key = index.KeyAt(line, column);
        if (node is null && key is null)
        {
            node = SourceIndex.FindByPath(root, error.Kind == SchemaErrorKind.PropertyRequired ? ParentPath(error.Path, error.Property) : error.Path);
        }

        var span = node?.Span ?? key?.Span ?? root.Span;
        var schema = error.Schema;

        (DiagnosticDescriptor descriptor, string message) = error.Kind switch
        {
            SchemaErrorKind.PropertyRequired => Required(error, node, ref span),
            SchemaErrorKind.NoAdditionalPropertiesAllowed => Unknown(error, schema, root, key, ref span),
            SchemaErrorKind.NotInEnumeration => (DiagnosticCatalog.SchemaValueNotAllowed, NotInEnumeration(path, schema, node)),
            SchemaErrorKind.PatternMismatch => (DiagnosticCatalog.SchemaValueNotAllowed, $"{path} must match the pattern {schema?.Pattern}; found {Found(node)}."),
            SchemaErrorKind.StringTooShort => (DiagnosticCatalog.SchemaOutOfRange, $"{path} must be at least {schema?.MinLength} characters long; found {Found(node)}."),
            SchemaErrorKind.StringTooLong => (DiagnosticCatalog.SchemaOutOfRange, $"{path} must be at most {schema?.MaxLength} characters long."),
            SchemaErrorKind.NumberTooSmall => (DiagnosticCatalog.SchemaOutOfRange, $"{path} must be at least {Format(schema?.Minimum ?? schema?.ExclusiveMinimum)}; found {Found(node)}."),
            SchemaErrorKind.TooFewItems => (DiagnosticCatalog.SchemaOutOfRange, $"{path} must hold at least {schema?.MinItems} item(s); found {Count(node)}."),
            SchemaErrorKind.TooManyItems => (DiagnosticCatalog.SchemaOutOfRange, $"{path} may hold at most {schema?.MaxItems} item(s); found {Count(node)}."),
            SchemaErrorKind.ItemsNotUnique => (DiagnosticCatalog.SchemaOutOfRange, $"{path} must not repeat an item."),
            SchemaErrorKind.NotOneOf or SchemaErrorKind.NotAnyOf => (DiagnosticCatalog.SchemaNoAlternative, $"{path} matches more than one of the allowed forms, or none; see the schema for the forms allowed here."),
            SchemaErrorKind.UriExpected => (DiagnosticCatalog.SchemaValueNotAllowed, $"{path} must be a URI (RFC 3986); found {Found(node)}: {(node is SourceScalar uri ? StandardFormats.FirstUriError(uri.Value) : null) ?? "it is not one"}."),
            SchemaErrorKind.DateExpected => (DiagnosticCatalog.SchemaValueNotAllowed, $"{path} must be a date written YYYY-MM-DD, such as 2024-05-31; found {Found(node)}."),
            SchemaErrorKind.DateTimeExpected => (DiagnosticCatalog.SchemaValueNotAllowed, $"{path} must be a date and time with its UTC offset, such as 2024-05-31T09:30:00Z (RFC 3339); found {Found(node)}."),
            SchemaErrorKind.ExcludedSchemaValidates => (DiagnosticCatalog.SchemaValueNotAllowed, $"{path} has a form the schema excludes here."),
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
    public static string DescribeCondition(SchemaConditional rule, SourceNode? node)
    {
        var instance = rule.AppliesWhenConditionMatches ? node : null;
        var when = DescribeSchema(rule.Condition, instance);
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
    private static string DescribeSchema(CompiledSchema schema, SourceNode? instance = null)
    {
        var parts = new List<string>();
        foreach (var property in schema.Properties)
        {
            var values = property.Schema.Enum.Select(v => $"'{v}'").ToList();
            if (values.Count == 1)
            {
                parts.Add($"{property.Name} is {values[0]}");
            }
            else if (values.Count > 1)
            {
                parts.Add($"{property.Name} is one of {string.Join(", ", values)}");
            }
        }

        parts.AddRange(schema.RequiredOnly.Select(r => $"{r} is set"));
        var branches = schema.AnyOf.Concat(schema.OneOf).ToList();
        if (instance is not null && branches.Where(b => NodeValidator.Accepts(instance, b)).ToList() is { Count: > 0 } met)
        {
            branches = met;
        }

        var alternatives = branches.Select(a => DescribeSchema(a)).Where(a => a.Length > 0).ToList();
        if (alternatives.Count > 0)
        {
            parts.Add(string.Join(" or ", alternatives));
        }

        return string.Join(" and ", parts);
    }

    private static (DiagnosticDescriptor, string) Required(SchemaError error, SourceNode? owner, ref SourceSpan span)
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

    private static (DiagnosticDescriptor, string) Unknown(SchemaError error, CompiledSchema? schema, SourceMapping root, SourceScalar? key, ref SourceSpan span)
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
        var allowed = schema?.AllowedNames.ToList() ?? [];
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

    private static string NotInEnumeration(string path, CompiledSchema? schema, SourceNode? node)
    {
        var allowed = schema?.Enum.ToList() ?? [];
        var message = $"{path} must be one of: {string.Join(", ", allowed)}; found {Found(node)}.";
        var suggestion = node is SourceScalar s ? Spelling.Closest(s.Value, allowed) : null;
        return suggestion is null ? message : message.TrimEnd('.') + $". Did you mean '{suggestion}'?";
    }

    private static string? ExpectedType(SchemaErrorKind kind, CompiledSchema? schema) => kind switch
    {
        SchemaErrorKind.StringExpected => "a string",
        SchemaErrorKind.NumberExpected => "a number",
        SchemaErrorKind.IntegerExpected => "an integer",
        SchemaErrorKind.BooleanExpected => "a boolean (true or false)",
        SchemaErrorKind.ObjectExpected => "a mapping (key: value pairs)",
        SchemaErrorKind.ArrayExpected => "a list",
        SchemaErrorKind.NullExpected => "empty (null)",
        SchemaErrorKind.NoTypeValidates when schema is not null => "one of: " + string.Join(", ", TypeNames(schema.Types)),
        _ => null,
    };

    private static IEnumerable<string> TypeNames(SchemaTypes types) =>
        Enum.GetValues<SchemaTypes>().Where(t => t != SchemaTypes.None && types.HasFlag(t)).Select(t => t.ToString().ToLowerInvariant());

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
