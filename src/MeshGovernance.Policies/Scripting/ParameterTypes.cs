using System.Globalization;
using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Policies.Scripting;

/// <summary>Parameter values from YAML: the type of a default decides what an override must be.</summary>
internal static class ParameterTypes
{
    /// <summary>The typed value of a YAML node, or null when it is not a parameter value (a mapping, a nested list).</summary>
    public static object? FromYaml(SourceNode node)
    {
        switch (node)
        {
            case SourceScalar { Kind: ScalarKind.Boolean } scalar:
                return scalar.Value is "true" or "True" or "TRUE";
            case SourceScalar { Kind: ScalarKind.Integer } scalar when long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole):
                return whole;
            case SourceScalar { Kind: ScalarKind.Float or ScalarKind.Integer } scalar when double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number):
                return number;
            case SourceScalar { Kind: ScalarKind.String } scalar:
                return scalar.Value;
            case SourceSequence sequence when sequence.Items.All(i => i is SourceScalar { Kind: not ScalarKind.Null }):
                // Read-only, not a list a policy could cast back and change for the checks after it.
                return sequence.Items.Cast<SourceScalar>().Select(i => i.Value).ToList().AsReadOnly();
            default:
                return null;
        }
    }

    public static bool SameType(object declared, object value) => declared switch
    {
        string => value is string,
        bool => value is bool,
        long => value is long,
        double => value is double or long,
        IReadOnlyList<string> => value is IReadOnlyList<string>,
        _ => false,
    };

    public static string Describe(object? value) => value switch
    {
        string => "text",
        bool => "true/false",
        long => "a whole number",
        double => "a number",
        IReadOnlyList<string> => "a list of texts",
        null => "nothing",
        _ => value.GetType().Name,
    };

    public static object Normalize(object declared, object value) => declared is double && value is long whole ? (double)whole : value;
}
