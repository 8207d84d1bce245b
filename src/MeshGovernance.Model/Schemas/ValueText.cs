using System.Globalization;
using System.Text;
using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Model.Schemas;

/// <summary>
/// A value's text as Json.NET's JToken.ToString() wrote it, which NJsonSchema compared <c>enum</c> values and
/// <c>uniqueItems</c> by: so the string "1" equals the integer 1, and true equals "True". A non-empty mapping or
/// list was written as indented JSON; here it gets a typed form that is equal exactly when that JSON was, and
/// that no scalar's text can equal (no enumeration value or string item in practice equals indented JSON).
/// </summary>
internal static class ValueText
{
    public static string Of(SourceNode node) => node switch
    {
        SourceScalar scalar => ScalarValues.TokenText(scalar),
        SourceMapping { Count: 0 } => "{}",
        SourceSequence { Count: 0 } => "[]",
        _ => Typed(node, new StringBuilder("\0")).ToString(),
    };

    /// <summary>Whether two values have the same text; two strings are compared without allocating.</summary>
    public static bool SameText(SourceNode left, SourceNode right) =>
        left is SourceScalar { Kind: ScalarKind.String } a && right is SourceScalar { Kind: ScalarKind.String } b
            ? string.Equals(a.Value, b.Value, StringComparison.Ordinal)
            : string.Equals(Of(left), Of(right), StringComparison.Ordinal);

    private static StringBuilder Typed(SourceNode node, StringBuilder text)
    {
        switch (node)
        {
            case SourceMapping mapping:
                text.Append('{');
                for (var i = 0; i < mapping.Count; i++)
                {
                    Quoted(mapping.KeyAt(i), text).Append(':');
                    Typed(mapping.ValueAt(i), text).Append(',');
                }

                return text.Append('}');
            case SourceSequence sequence:
                text.Append('[');
                for (var i = 0; i < sequence.Count; i++)
                {
                    Typed(sequence.ItemAt(i), text).Append(',');
                }

                return text.Append(']');
            case SourceScalar { Kind: ScalarKind.String } scalar:
                return Quoted(scalar.Value, text);
            case SourceScalar { Kind: ScalarKind.Integer } scalar:
                return text.Append('i').Append(ScalarValues.ParseInteger(scalar.Value).ToString(CultureInfo.InvariantCulture));
            case SourceScalar { Kind: ScalarKind.Float } scalar:
                return text.Append('f').Append(ScalarValues.ParseFloat(scalar.Value).ToString("R", CultureInfo.InvariantCulture));
            case SourceScalar { Kind: ScalarKind.Boolean } scalar:
                return text.Append(ScalarValues.IsTrue(scalar) ? "true" : "false");
            default:
                return text.Append("null");
        }
    }

    private static StringBuilder Quoted(string value, StringBuilder text) =>
        text.Append('"').Append(value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
}
