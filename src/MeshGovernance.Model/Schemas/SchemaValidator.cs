using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Yaml;
using NJsonSchema;
using NJsonSchema.Validation;

namespace MeshGovernance.Model.Schemas;

/// <summary>
/// Validates one parsed file against its kind's JSON Schema and reports each violation at the YAML node
/// it concerns, with its JSON path and what was expected. A contract is judged by the schema of the ODCS
/// version its apiVersion declares; findings under an ODCS v3.0.x schema name that version.
/// </summary>
public static class SchemaValidator
{
    public static IReadOnlyList<Diagnostic> Validate(SourceMapping root, DocumentKind kind, string? subject = null)
    {
        var prepared = SchemaSet.Default.Get(kind, root);
        var json = SourceNodeJsonReader.ToJson(root);
        var errors = prepared.Schema.Validate(json, StandardFormatValidator.Settings);
        if (errors.Count == 0)
        {
            return [];
        }

        var context = new ErrorContext(prepared, SourceIndex.Build(root), root, subject);
        var findings = new List<(Diagnostic Diagnostic, string? Condition)>();
        foreach (var error in errors)
        {
            Flatten(error, context, condition: null, findings);
        }

        // One finding per node and problem: a property required by several conditional rules (or also
        // unconditionally) is reported once, naming every condition that holds.
        var version = kind == DocumentKind.Contract ? DocumentKinds.DeclaredOdcsVersion(root) : null;
        return findings
            .GroupBy(f => f.Diagnostic)
            .Select(g => g.Any(f => f.Condition is null) ? g.Key : SchemaErrorMessages.WithConditions(g.Key, g.Select(f => f.Condition!).Distinct().ToList()))
            .Select(d => version is null ? d : d with { Message = SchemaErrorMessages.InVersion(d.Message, "ODCS " + version) })
            .Distinct()
            .OrderBy(d => d.Line)
            .ThenBy(d => d.Column)
            .ToList();
    }

    private sealed record ErrorContext(PreparedSchema Schema, SourceIndex Index, SourceMapping Root, string? Subject);

    private static void Flatten(ValidationError error, ErrorContext context, string? condition, List<(Diagnostic, string?)> diagnostics)
    {
        if (error is not ChildSchemaValidationError child)
        {
            // A value in the wrong format is wrong whatever made the schema check it (a server's type):
            // no "required when" condition.
            var isFormat = error.Kind is ValidationErrorKind.UriExpected or ValidationErrorKind.DateExpected or ValidationErrorKind.DateTimeExpected;
            diagnostics.Add((SchemaErrorMessages.Describe(error, context.Index, context.Root, context.Subject), isFormat ? null : condition));
            return;
        }

        if (error.Kind == ValidationErrorKind.NotAnyOf && error.Schema is { } wrapper && context.Schema.Conditionals.TryGetValue(wrapper, out var rule))
        {
            var because = SchemaErrorMessages.DescribeCondition(rule, SourceIndex.FindByPath(context.Root, error.Path));
            foreach (var inner in child.Errors.TryGetValue(rule.Branch, out var branchErrors) ? branchErrors : [])
            {
                Flatten(inner, context, because, diagnostics);
            }

            return;
        }

        if (error.Kind is ValidationErrorKind.NotAnyOf or ValidationErrorKind.NotOneOf)
        {
            var failing = child.Errors.Where(e => e.Value.Count > 0).ToList();
            if (failing.Count < child.Errors.Count)
            {
                // oneOf where several alternatives match: nothing to point at inside.
                diagnostics.Add((SchemaErrorMessages.Describe(error, context.Index, context.Root, context.Subject), condition));
                return;
            }

            // Report the alternative that came closest, as the most useful explanation: among those of the
            // value's own JSON type when there are any (a mapping is not told it must be a list).
            var sameType = failing.Where(e => !HasTypeErrorAt(e.Value, error.Path)).ToList();
            var closest = (sameType.Count > 0 ? sameType : failing).MinBy(e => e.Value.Count).Value;
            foreach (var inner in closest)
            {
                Flatten(inner, context, condition, diagnostics);
            }

            return;
        }

        if (error.Kind == ValidationErrorKind.NoTypeValidates || child.Errors.Count == 0)
        {
            diagnostics.Add((SchemaErrorMessages.Describe(error, context.Index, context.Root, context.Subject), condition));
            return;
        }

        foreach (var inner in child.Errors.Values.SelectMany(e => e))
        {
            Flatten(inner, context, condition, diagnostics);
        }
    }

    private static bool HasTypeErrorAt(IEnumerable<ValidationError> errors, string? path) => errors.Any(e =>
        (e.Path == path && e.Kind is ValidationErrorKind.StringExpected or ValidationErrorKind.NumberExpected
            or ValidationErrorKind.IntegerExpected or ValidationErrorKind.BooleanExpected or ValidationErrorKind.ObjectExpected
            or ValidationErrorKind.ArrayExpected or ValidationErrorKind.NullExpected or ValidationErrorKind.NoTypeValidates)
        || (e is ChildSchemaValidationError { Kind: ValidationErrorKind.NotAllOf } child && HasTypeErrorAt(child.Errors.Values.SelectMany(v => v), path)));
}
