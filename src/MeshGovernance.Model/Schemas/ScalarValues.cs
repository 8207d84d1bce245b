using System.Globalization;
using System.Numerics;
using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Model.Schemas;

/// <summary>
/// A scalar's value as JSON would carry it (YAML 1.2 core schema: null, boolean, integer, float, string), and
/// its text as Json.NET's JToken.ToString() wrote it, which enumerations and unique items are compared by.
/// </summary>
internal static class ScalarValues
{
    public static bool IsNumber(SourceScalar scalar) => scalar.Kind is ScalarKind.Integer or ScalarKind.Float;

    /// <summary>"True" for a YAML true, the integer's decimal digits for 0x1F, "" for null, the string itself.</summary>
    public static string TokenText(SourceScalar scalar) => scalar.Kind switch
    {
        ScalarKind.Null => string.Empty,
        ScalarKind.Boolean => IsTrue(scalar) ? "True" : "False",
        ScalarKind.Integer => ParseInteger(scalar.Value).ToString(CultureInfo.InvariantCulture),
        ScalarKind.Float => ParseFloat(scalar.Value).ToString(CultureInfo.InvariantCulture),
        _ => scalar.Value,
    };

    public static bool IsTrue(SourceScalar scalar) => scalar.Value is "true" or "True" or "TRUE";

    /// <summary>Compares a number with a schema bound as NJsonSchema did: as a decimal, as a double when that overflows.</summary>
    public static int CompareTo(SourceScalar number, decimal bound)
    {
        if (number.Kind == ScalarKind.Integer)
        {
            var integer = ParseInteger(number.Value);
            return integer >= long.MinValue && integer <= long.MaxValue
                ? ((decimal)(long)integer).CompareTo(bound)
                : ((double)integer).CompareTo((double)bound);
        }

        var value = ParseFloat(number.Value);
        try
        {
            return Convert.ToDecimal(value, CultureInfo.InvariantCulture).CompareTo(bound);
        }
        catch (OverflowException)
        {
            return value.CompareTo((double)bound);
        }
    }

    public static BigInteger ParseInteger(string text)
    {
        var value = text.TrimStart('+');
        if (value.StartsWith("0x", StringComparison.Ordinal))
        {
            return BigInteger.Parse("0" + value[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        }

        if (value.StartsWith("0o", StringComparison.Ordinal))
        {
            return value[2..].Aggregate(BigInteger.Zero, (acc, digit) => (acc * 8) + (digit - '0'));
        }

        return long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : BigInteger.Parse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
    }

    public static double ParseFloat(string text)
    {
        var value = text.TrimStart('+');
        return value switch
        {
            ".inf" or ".Inf" or ".INF" => double.PositiveInfinity,
            "-.inf" or "-.Inf" or "-.INF" => double.NegativeInfinity,
            ".nan" or ".NaN" or ".NAN" => double.NaN,
            _ => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
    }
}
