using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Yaml;

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
        var schema = SchemaSet.Default.Get(kind, root);
        if (NodeValidator.Accepts(root, schema))
        {
            return [];
        }

        var errors = NodeValidator.Collect(root, schema);
        var context = new ErrorContext(SourceIndex.Build(root), root, subject);
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

    private sealed record ErrorContext(SourceIndex Index, SourceMapping Root, string? Subject);

    private static void Flatten(SchemaError error, ErrorContext context, string? condition, List<(Diagnostic, string?)> diagnostics)
    {
        if (error.Children is not { } children)
        {
            // A value in the wrong format is wrong whatever made the schema check it (a server's type):
            // no "required when" condition.
            var isFormat = error.Kind is SchemaErrorKind.UriExpected or SchemaErrorKind.DateExpected or SchemaErrorKind.DateTimeExpected;
            diagnostics.Add((SchemaErrorMessages.Describe(error, context.Index, context.Root, context.Subject), isFormat ? null : condition));
            return;
        }

        if (error.Conditional is { } rule)
        {
            var because = SchemaErrorMessages.DescribeCondition(rule, SourceIndex.FindByPath(context.Root, error.Path));
            foreach (var inner in children[0])
            {
                Flatten(inner, context, because, diagnostics);
            }

            return;
        }

        if (error.Kind is SchemaErrorKind.NotAnyOf or SchemaErrorKind.NotOneOf)
        {
            var failing = children.Where(e => e.Count > 0).ToList();
            if (failing.Count < children.Count)
            {
                // oneOf where several alternatives match: nothing to point at inside.
                diagnostics.Add((SchemaErrorMessages.Describe(error, context.Index, context.Root, context.Subject), condition));
                return;
            }

            // Report the alternative that came closest, as the most useful explanation: among those of the
            // value's own JSON type when there are any (a mapping is not told it must be a list).
            var sameType = failing.Where(e => !HasTypeErrorAt(e, error.Path)).ToList();
            var closest = (sameType.Count > 0 ? sameType : failing).MinBy(e => e.Count)!;
            foreach (var inner in closest)
            {
                Flatten(inner, context, condition, diagnostics);
            }

            return;
        }

        if (children.Count == 0)
        {
            diagnostics.Add((SchemaErrorMessages.Describe(error, context.Index, context.Root, context.Subject), condition));
            return;
        }

        foreach (var inner in children.SelectMany(e => e))
        {
            Flatten(inner, context, condition, diagnostics);
        }
    }

    private static bool HasTypeErrorAt(IEnumerable<SchemaError> errors, string path) => errors.Any(e =>
        (e.Path == path && e.Kind is SchemaErrorKind.StringExpected or SchemaErrorKind.NumberExpected
            or SchemaErrorKind.IntegerExpected or SchemaErrorKind.BooleanExpected or SchemaErrorKind.ObjectExpected
            or SchemaErrorKind.ArrayExpected or SchemaErrorKind.NullExpected or SchemaErrorKind.NoTypeValidates)
        || (e is { Kind: SchemaErrorKind.NotAllOf, Children: { } children } && HasTypeErrorAt(children.SelectMany(v => v), path)));
}
