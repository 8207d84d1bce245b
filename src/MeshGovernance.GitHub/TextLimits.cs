using System.Text;

namespace MeshGovernance.GitHub;

/// <summary>GitHub's size limits, and cutting text to fit them without breaking a line, a character or an open &lt;details&gt;.</summary>
internal static class TextLimits
{
    /// <summary>Check run output title, summary and text: characters each.</summary>
    public const int CheckRunField = 65_535;

    /// <summary>An issue or pull-request comment body: characters.</summary>
    public const int CommentBody = 65_536;

    /// <summary>An annotation's message and raw_details: 64 KB each.</summary>
    public const int AnnotationBytes = 64 * 1024;

    /// <summary>An annotation's title: characters.</summary>
    public const int AnnotationTitle = 255;

    /// <summary>The job summary file of one step: 1 MiB.</summary>
    public const int JobSummaryBytes = 1024 * 1024;

    public static int Chars(string text) => text.Length;

    public static int Utf8Bytes(string text) => Encoding.UTF8.GetByteCount(text);

    /// <summary>
    /// <paramref name="text"/> when it fits in <paramref name="limit"/> (as <paramref name="size"/> measures);
    /// otherwise its first whole lines followed by <paramref name="note"/> (given how many lines were left out),
    /// with any &lt;details&gt; left open closed first.
    /// </summary>
    public static (string Text, bool Truncated) FitOnLines(string text, int limit, Func<string, int> size, Func<int, string> note)
    {
        if (size(text) <= limit)
        {
            return (text, false);
        }

        var lines = text.Split('\n');
        const string closeDetails = "\n</details>\n";
        var reserve = size(note(lines.Length)) + size(closeDetails);
        var kept = new StringBuilder();
        var used = 0;
        var openDetails = 0;
        var count = 0;
        foreach (var line in lines)
        {
            var lineSize = size(line) + 1;
            if (used + lineSize > limit - reserve)
            {
                break;
            }

            kept.Append(line).Append('\n');
            used += lineSize;
            count++;
            var trimmed = line.Trim();
            if (trimmed.StartsWith("<details", StringComparison.Ordinal))
            {
                openDetails++;
            }
            else if (trimmed.StartsWith("</details>", StringComparison.Ordinal) && openDetails > 0)
            {
                openDetails--;
            }
        }

        if (openDetails > 0)
        {
            kept.Append(closeDetails);
        }

        kept.Append(note(lines.Length - count));
        return (kept.ToString(), true);
    }

    /// <summary>Cuts one value (an annotation message) to a UTF-8 size, ending in "…", never inside a surrogate pair.</summary>
    public static string CutUtf8(string text, int maxBytes)
    {
        if (Utf8Bytes(text) <= maxBytes)
        {
            return text;
        }

        const string ellipsis = "…";
        var budget = maxBytes - Utf8Bytes(ellipsis);
        var bytes = 0;
        var end = 0;
        while (end < text.Length)
        {
            var width = char.IsSurrogatePair(text, end) ? 2 : 1;
            var next = Encoding.UTF8.GetByteCount(text.AsSpan(end, width));
            if (bytes + next > budget)
            {
                break;
            }

            bytes += next;
            end += width;
        }

        return string.Concat(text.AsSpan(0, end), ellipsis);
    }

}
