using System.Globalization;
using System.Text.RegularExpressions;
using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Contracts;

/// <summary>
/// Reads and ranks the value of an ODCS <c>slaProperties</c> entry: a number with a unit (<c>4</c> <c>h</c>,
/// <c>99.9%</c>, <c>1 d</c>), a date, or a time of day. Durations in different units are compared in seconds.
/// </summary>
internal static partial class SlaValue
{
    // Which way is better, by SLA property (lower-cased, without separators). The rest cannot be ranked.
    private static readonly HashSet<string> LowerIsBetter =
        ["latency", "frequency", "errorrate", "timeofavailability", "timetodetect", "timetonotify", "timetorepair", "mttr", "mttd"];

    private static readonly HashSet<string> HigherIsBetter =
        ["availability", "retention", "throughput", "endofsupport", "endoflife", "uptime", "completeness"];

    private static readonly Dictionary<string, double> Seconds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ms"] = 0.001, ["millisecond"] = 0.001, ["milliseconds"] = 0.001,
        ["s"] = 1, ["sec"] = 1, ["second"] = 1, ["seconds"] = 1,
        ["m"] = 60, ["min"] = 60, ["minute"] = 60, ["minutes"] = 60,
        ["h"] = 3600, ["hr"] = 3600, ["hour"] = 3600, ["hours"] = 3600,
        ["d"] = 86400, ["day"] = 86400, ["days"] = 86400,
        ["w"] = 604800, ["week"] = 604800, ["weeks"] = 604800,
        ["mo"] = 2592000, ["month"] = 2592000, ["months"] = 2592000,
        ["y"] = 31536000, ["yr"] = 31536000, ["year"] = 31536000, ["years"] = 31536000,
    };

    /// <summary>Positive when <paramref name="after"/> promises more than <paramref name="before"/>, negative when less, 0 when the same; null when they cannot be ranked.</summary>
    public static int? Compare(string property, SourceMapping before, SourceMapping after)
    {
        var normalized = new string(property.Where(char.IsLetter).ToArray()).ToLowerInvariant();
        var direction = LowerIsBetter.Contains(normalized) ? -1 : HigherIsBetter.Contains(normalized) ? 1 : 0;
        if (Order(before, after) is not { } order)
        {
            return null;
        }

        if (order == 0)
        {
            return 0;
        }

        return direction == 0 ? null : order * direction;
    }

    /// <summary>The value and unit as a reader would say them: <c>4 h</c>, <c>99.9%</c>.</summary>
    public static string Describe(SourceMapping entry)
    {
        var value = SourceNodes.IsNothing(entry["value"]) ? entry["valueExt"] : entry["value"];
        var unit = entry.GetString("unit");
        var text = SourceNodes.Display(value);
        return unit is null ? text : $"{text} {unit}";
    }

    /// <summary>The sign of after minus before, or null when the two cannot be put on one scale.</summary>
    private static int? Order(SourceMapping before, SourceMapping after)
    {
        var x = Read(before);
        var y = Read(after);
        if (x.Number is { } a && y.Number is { } b)
        {
            if (string.Equals(x.Unit, y.Unit, StringComparison.OrdinalIgnoreCase))
            {
                return b.CompareTo(a);
            }

            if (x.Unit is not null && y.Unit is not null && Seconds.TryGetValue(x.Unit, out var fx) && Seconds.TryGetValue(y.Unit, out var fy))
            {
                return (b * fy).CompareTo(a * fx);
            }

            return null;
        }

        if (x.Text is { } s && y.Text is { } t)
        {
            if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d1)
                && DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d2))
            {
                return d2.CompareTo(d1);
            }

            if (TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out var t1) && TimeSpan.TryParse(t, CultureInfo.InvariantCulture, out var t2))
            {
                return t2.CompareTo(t1);
            }
        }

        return null;
    }

    private static (double? Number, string? Unit, string? Text) Read(SourceMapping entry)
    {
        var node = SourceNodes.IsNothing(entry["value"]) ? entry["valueExt"] : entry["value"];
        var unit = entry.GetString("unit");
        if (SourceNodes.Number(node) is { } number)
        {
            return (number, unit, null);
        }

        if (node is not SourceScalar { IsNull: false } scalar)
        {
            return (null, unit, null);
        }

        var match = NumberWithUnit().Match(scalar.Value);
        if (match.Success && double.TryParse(match.Groups["number"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
        {
            var suffix = match.Groups["unit"].Value;
            return (parsed, suffix.Length > 0 ? suffix : unit, null);
        }

        return (null, unit, scalar.Value);
    }

    [GeneratedRegex(@"^\s*(?<number>-?[0-9]+(\.[0-9]+)?)\s*(?<unit>%|[A-Za-z]+)?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberWithUnit();
}
