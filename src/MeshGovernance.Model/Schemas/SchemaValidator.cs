using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Yaml;
using NJsonSchema;
using NJsonSchema.Validation;

namespace MeshGovernance.Model.Schemas;

/// <summary>
/// Validates one parsed file against its kind's JSON Schema and reports each violation at the YAML node
/// it concerns, with its JSON path and what was expected.
/// </summary>
public static class SchemaValidator
{
    public static IReadOnlyList<Diagnostic> Validate(SourceMapping root, DocumentKind kind, string? subject = null)
    {
        var prepared = SchemaSet.Default.Get(kind);
        var json = SourceNodeJsonReader.ToJson(root);
        var errors = prepared.Schema.Validate(json);
        if (errors.Count == 0)
        {
            return [];
        }

        var context = new ErrorContext(prepared, SourceIndex.Build(root), root, subject);
        var diagnostics = new List<Diagnostic>();
        foreach (var error in errors)
        {
            Flatten(error, context, condition: null, diagnostics);
        }

        return diagnostics.Distinct().OrderBy(d => d.Line).ThenBy(d => d.Column).ToList();
    }

    private sealed record ErrorContext(PreparedSchema Schema, SourceIndex Index, SourceMapping Root, string? Subject);

    private static void Flatten(ValidationError error, ErrorContext context, string? condition, List<Diagnostic> diagnostics)
    {
        if (error is not ChildSchemaValidationError child)
        {
            diagnostics.Add(SchemaErrorMessages.Describe(error, context.Index, context.Root, context.Subject, condition));
            return;
        }

        if (error.Kind == ValidationErrorKind.NotAnyOf && error.Schema is { } wrapper && context.Schema.Conditionals.TryGetValue(wrapper, out var rule))
        {
            var because = SchemaErrorMessages.DescribeCondition(rule);
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
                diagnostics.Add(SchemaErrorMessages.Describe(error, context.Index, context.Root, context.Subject, condition));
                return;
            }

            // Report the alternative that came closest, as the most useful explanation.
            var closest = failing.MinBy(e => e.Value.Count).Value;
            foreach (var inner in closest)
            {
                Flatten(inner, context, condition, diagnostics);
            }

            return;
        }

        if (error.Kind == ValidationErrorKind.NoTypeValidates || child.Errors.Count == 0)
        {
            diagnostics.Add(SchemaErrorMessages.Describe(error, context.Index, context.Root, context.Subject, condition));
            return;
        }

        foreach (var inner in child.Errors.Values.SelectMany(e => e))
        {
            Flatten(inner, context, condition, diagnostics);
        }
    }
}
