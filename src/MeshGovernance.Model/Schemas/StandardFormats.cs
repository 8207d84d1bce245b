using System.Buffers;
namespace MeshGovernance.Model.Schemas;

/// <summary>
/// The JSON Schema <c>format</c> values the ODCS and ODPS schemas use, checked as the standards' own CI checks
/// them (ajv with ajv-formats in full mode): <c>date</c> is an RFC 3339 full-date with a real day of its
/// month, <c>date-time</c> a full-date and a time with a UTC offset, joined by <c>T</c> or a space, and
/// <c>uri</c> an RFC 3986 URI, which needs a scheme and allows no space, brace or other character outside
/// its grammar unless percent-encoded.
/// </summary>
public static class StandardFormats
{
    private static readonly int[] DaysInMonth = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

    public static bool IsDate(string text)
    {
        if (text.Length != 10 || text[4] != '-' || text[7] != '-'
            || !TryDigits(text, 0, 4, out var year) || !TryDigits(text, 5, 2, out var month) || !TryDigits(text, 8, 2, out var day))
        {
            return false;
        }

        var leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        return month is >= 1 and <= 12 && day >= 1 && day <= (month == 2 && leap ? 29 : DaysInMonth[month]);
    }

    public static bool IsDateTime(string text)
    {
        var separator = -1;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is 'T' or 't' || IsEcmaScriptWhiteSpace(text[i]))
            {
                if (separator >= 0)
                {
                    return false;
                }

                separator = i;
            }
        }

        return separator >= 0 && IsDate(text[..separator]) && IsTimeWithOffset(text[(separator + 1)..]);
    }

    /// <summary>hh:mm:ss[.fraction] and Z or ±hh[[:]mm]; a leap second only at 23:59:60 UTC.</summary>
    private static bool IsTimeWithOffset(string text)
    {
        if (text.Length < 9 || text[2] != ':' || text[5] != ':'
            || !TryDigits(text, 0, 2, out var hour) || !TryDigits(text, 3, 2, out var minute) || !TryDigits(text, 6, 2, out var second))
        {
            return false;
        }

        var at = 8;
        if (at < text.Length && text[at] == '.')
        {
            var digits = at + 1;
            while (digits < text.Length && char.IsAsciiDigit(text[digits]))
            {
                digits++;
            }

            if (digits == at + 1)
            {
                return false;
            }

            at = digits;
        }

        int offsetHours = 0, offsetMinutes = 0, sign = 1;
        var offset = text[at..];
        if (offset is "Z" or "z")
        {
        }
        else if (offset.Length >= 3 && offset[0] is '+' or '-' && TryDigits(offset, 1, 2, out offsetHours))
        {
            sign = offset[0] == '-' ? -1 : 1;
            var rest = offset[3..];
            if (rest.Length > 0 && !(rest.Length == 2 && TryDigits(rest, 0, 2, out offsetMinutes))
                && !(rest.Length == 3 && rest[0] == ':' && TryDigits(rest, 1, 2, out offsetMinutes)))
            {
                return false;
            }
        }
        else
        {
            return false;
        }

        if (offsetHours > 23 || offsetMinutes > 59)
        {
            return false;
        }

        if (hour <= 23 && minute <= 59 && second <= 59)
        {
            return true;
        }

        var utcMinute = minute - (offsetMinutes * sign);
        var utcHour = hour - (offsetHours * sign) - (utcMinute < 0 ? 1 : 0);
        return utcHour is 23 or -1 && utcMinute is 59 or -1 && second <= 60;
    }

    public static bool IsUri(string text) => FirstUriError(text) is null;

    /// <summary>
    /// Why the text is not a URI, or null when it is one. The hierarchical part is read as the standards' CI
    /// reads it: any run of path characters and slashes is a path (so <c>http://host:port/</c> passes, as an
    /// empty authority followed by a path), and brackets are allowed only around an IP address host.
    /// </summary>
    public static string? FirstUriError(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !char.IsAsciiLetter(text[0]) || text.AsSpan(1, colon - 1).IndexOfAnyExcept(SchemeCharacters) >= 0)
        {
            return "it has no scheme (such as https: or s3:) at its start";
        }

        var rest = text[(colon + 1)..];
        var fragmentAt = rest.IndexOf('#', StringComparison.Ordinal);
        var fragment = fragmentAt >= 0 ? rest[(fragmentAt + 1)..] : null;
        rest = fragmentAt >= 0 ? rest[..fragmentAt] : rest;
        var queryAt = rest.IndexOf('?', StringComparison.Ordinal);
        var query = queryAt >= 0 ? rest[(queryAt + 1)..] : null;
        var hierarchy = queryAt >= 0 ? rest[..queryAt] : rest;
        if (hierarchy.Length == 0)
        {
            return "nothing follows its scheme";
        }

        var hierarchyError = CharactersError(hierarchy, "/:@", "path");
        if (hierarchyError is not null && hierarchy[0] == '/' && AuthorityWithIpLiteralError(hierarchy) is null)
        {
            hierarchyError = null;
        }

        return hierarchyError
            ?? (query is null ? null : CharactersError(query, "/:@?", "query"))
            ?? (fragment is null ? null : CharactersError(fragment, "/:@?", "fragment"));
    }

    private static readonly SearchValues<char> SchemeCharacters = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.");

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");
    private const string SubDelimiters = "!$&'()*+,;=";

    /// <summary>"/" or "//", [user information "@"] "[" IP address "]" [":" port], then a path.</summary>
    private static string? AuthorityWithIpLiteralError(string hierarchy)
    {
        var start = hierarchy.StartsWith("//", StringComparison.Ordinal) ? 2 : 1;
        var end = hierarchy.IndexOf('/', start);
        var authority = end >= 0 ? hierarchy[start..end] : hierarchy[start..];
        var at = authority.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0 && CharactersError(authority[..at], ":", "user information") is { } userError)
        {
            return userError;
        }

        var host = at >= 0 ? authority[(at + 1)..] : authority;
        var close = host.IndexOf(']', StringComparison.Ordinal);
        if (!host.StartsWith('[') || close < 0 || !IsIpLiteral(host[1..close]))
        {
            return "its host in [brackets] is not an IP address";
        }

        var port = host[(close + 1)..];
        if (port.Length > 0 && (port[0] != ':' || port.AsSpan(1).IndexOfAnyExceptInRange('0', '9') >= 0))
        {
            return $"'{port}' after the host is not a port number";
        }

        return end >= 0 ? CharactersError(hierarchy[end..], "/:@", "path") : null;
    }

    private static string? CharactersError(string part, string alsoAllowed, string partName)
    {
        for (var i = 0; i < part.Length; i++)
        {
            var c = part[i];
            if (c == '%')
            {
                if (i + 2 >= part.Length || !char.IsAsciiHexDigit(part[i + 1]) || !char.IsAsciiHexDigit(part[i + 2]))
                {
                    return $"'%' in its {partName} does not start a percent-encoded byte such as %20";
                }

                i += 2;
                continue;
            }

            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '.' or '_' or '~') && !SubDelimiters.Contains(c) && !alsoAllowed.Contains(c))
            {
                return char.IsWhiteSpace(c)
                    ? $"its {partName} contains a space (write it as %20)"
                    : c < 128 && !char.IsControl(c)
                        ? $"its {partName} contains '{c}', which a URI must percent-encode (as %{(int)c:X2})"
                        : $"its {partName} contains the character U+{(int)c:X4}, which a URI must percent-encode";
            }
        }

        return null;
    }

    private static bool IsIpLiteral(string inside)
    {
        if (inside.Length > 0 && inside[0] is 'v' or 'V')
        {
            var dot = inside.IndexOf('.', StringComparison.Ordinal);
            return dot > 1 && inside.AsSpan(1, dot - 1).IndexOfAnyExcept(HexDigits) < 0 && dot < inside.Length - 1
                && inside[(dot + 1)..].All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or ':' || SubDelimiters.Contains(c));
        }

        return IsIpv6(inside);
    }

    /// <summary>RFC 3986's IPv6address: eight 16-bit groups, the last two possibly an IPv4 address, "::" once for a run of zeros.</summary>
    private static bool IsIpv6(string text)
    {
        var elided = text.IndexOf("::", StringComparison.Ordinal);
        if (elided >= 0 && text.IndexOf("::", elided + 1, StringComparison.Ordinal) >= 0)
        {
            return false;
        }

        var head = elided >= 0 ? text[..elided] : text;
        var tail = elided >= 0 ? text[(elided + 2)..] : string.Empty;
        var groups = 0;
        foreach (var (part, isLast) in new[] { (head, elided < 0), (tail, true) })
        {
            if (part.Length == 0)
            {
                continue;
            }

            var pieces = part.Split(':');
            for (var i = 0; i < pieces.Length; i++)
            {
                if (isLast && i == pieces.Length - 1 && pieces[i].Contains('.', StringComparison.Ordinal))
                {
                    if (!IsIpv4(pieces[i]))
                    {
                        return false;
                    }

                    groups += 2;
                }
                else if (pieces[i].Length is >= 1 and <= 4 && pieces[i].AsSpan().IndexOfAnyExcept(HexDigits) < 0)
                {
                    groups++;
                }
                else
                {
                    return false;
                }
            }
        }

        return elided >= 0 ? groups <= 7 : groups == 8;
    }

    /// <summary>Four octets as ajv-formats' URI grammar reads them: up to 255, and leading zeros allowed ("010").</summary>
    private static bool IsIpv4(string text)
    {
        var octets = text.Split('.');
        return octets.Length == 4 && octets.All(o => o.Length is >= 1 and <= 3 && o.All(char.IsAsciiDigit)
            && int.Parse(o, System.Globalization.CultureInfo.InvariantCulture) <= 255);
    }

    /// <summary>ECMAScript's \\s (WhiteSpace and LineTerminator), which differs from .NET's (U+0085, U+FEFF).</summary>
    private static bool IsEcmaScriptWhiteSpace(char c) =>
        c is '\t' or '\n' or '\v' or '\f' or '\r' or ' ' or '\u00A0' or '\u1680' or '\u2028' or '\u2029' or '\u202F' or '\u205F' or '\u3000' or '\uFEFF'
        || c is >= '\u2000' and <= '\u200A';

    private static bool TryDigits(string text, int start, int count, out int value)
    {
        value = 0;
        if (start + count > text.Length)
        {
            return false;
        }

        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }

            value = (value * 10) + (text[i] - '0');
        }

        return true;
    }
}
