using System.Globalization;
using System.Text.RegularExpressions;

namespace MeshGovernance.Contracts;

/// <summary>
/// A version read leniently for comparison: <c>1.2.3</c>, <c>v1.2</c>, <c>2.0.0-rc.1</c>, <c>3</c>. Missing minor or patch
/// numbers are 0; a pre-release sorts before its release; build metadata is ignored.
/// </summary>
public readonly partial record struct SemanticVersion(long Major, long Minor, long Patch, string? Prerelease) : IComparable<SemanticVersion>
{
    public static SemanticVersion? Parse(string? text)
    {
        var match = text is null ? null : Pattern().Match(text.Trim());
        if (match is null || !match.Success)
        {
            return null;
        }

        static long Number(Group group) =>
            group.Success && long.TryParse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;

        if (!long.TryParse(match.Groups["major"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var major))
        {
            return null;
        }

        return new SemanticVersion(major, Number(match.Groups["minor"]), Number(match.Groups["patch"]), match.Groups["pre"].Success ? match.Groups["pre"].Value : null);
    }

    /// <summary>How the version moved from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public static VersionBump Compare(string? before, string? after)
    {
        if (Parse(before) is not { } from || Parse(after) is not { } to)
        {
            return VersionBump.Unparseable;
        }

        var order = to.CompareTo(from);
        return order switch
        {
            < 0 => VersionBump.Downgrade,
            0 => VersionBump.None,
            _ when to.Major != from.Major => VersionBump.Major,
            _ when to.Minor != from.Minor => VersionBump.Minor,
            _ when to.Patch != from.Patch => VersionBump.Patch,
            // 2.0.0-rc.1 -> 2.0.0 releases what the pre-release announced: a pre-release of X.0.0 is a major
            // version, of X.Y.0 a minor one, of X.Y.Z a patch.
            _ when to.Minor == 0 && to.Patch == 0 => VersionBump.Major,
            _ when to.Patch == 0 => VersionBump.Minor,
            _ => VersionBump.Patch,
        };
    }

    public static bool operator <(SemanticVersion left, SemanticVersion right) => left.CompareTo(right) < 0;

    public static bool operator <=(SemanticVersion left, SemanticVersion right) => left.CompareTo(right) <= 0;

    public static bool operator >(SemanticVersion left, SemanticVersion right) => left.CompareTo(right) > 0;

    public static bool operator >=(SemanticVersion left, SemanticVersion right) => left.CompareTo(right) >= 0;

    public int CompareTo(SemanticVersion other)
    {
        var byNumbers = (Major, Minor, Patch).CompareTo((other.Major, other.Minor, other.Patch));
        if (byNumbers != 0)
        {
            return byNumbers;
        }

        return (Prerelease, other.Prerelease) switch
        {
            (null, null) => 0,
            (null, _) => 1,
            (_, null) => -1,
            _ => ComparePrerelease(Prerelease!, other.Prerelease!),
        };
    }

    private static int ComparePrerelease(string left, string right)
    {
        var a = left.Split('.');
        var b = right.Split('.');
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var numeric = long.TryParse(a[i], NumberStyles.None, CultureInfo.InvariantCulture, out var x) & long.TryParse(b[i], NumberStyles.None, CultureInfo.InvariantCulture, out var y);
            var order = numeric ? x.CompareTo(y) : string.CompareOrdinal(a[i], b[i]);
            if (order != 0)
            {
                return order;
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    [GeneratedRegex(@"^[vV]?(?<major>[0-9]{1,18})(\.(?<minor>[0-9]{1,18}))?(\.(?<patch>[0-9]{1,18}))?(-(?<pre>[0-9A-Za-z.-]+))?(\+[0-9A-Za-z.-]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
