using System.Text;

namespace MeshGovernance.Model.Migration;

/// <summary>
/// A unified diff of two texts, as <c>diff -u</c> and <c>git diff</c> write it (<c>--- a/path</c>,
/// <c>+++ b/path</c>, <c>@@ -l,n +l,n @@</c> hunks with three lines of context), so that it can be read,
/// and applied with <c>git apply</c> or <c>patch -p1</c>. Lines are matched with Myers' algorithm.
/// </summary>
public static class UnifiedDiff
{
    /// <summary>Beyond this many differing lines the texts are shown as one replacement rather than searched further.</summary>
    private const int MaxEditDistance = 4000;

    private enum Op
    {
        Equal,
        Delete,
        Insert,
    }

    /// <summary>The diff of <paramref name="before"/> and <paramref name="after"/>; empty when they are the same.</summary>
    public static string Create(string before, string after, string path, int context = 3)
    {
        if (string.Equals(before, after, StringComparison.Ordinal))
        {
            return string.Empty;
        }

        var a = SplitLines(before);
        var b = SplitLines(after);
        var script = Diff(a, b);
        var output = new StringBuilder();
        output.Append("--- a/").Append(path).Append('\n');
        output.Append("+++ b/").Append(path).Append('\n');
        foreach (var hunk in Hunks(script, context))
        {
            WriteHunk(output, hunk, a, b);
        }

        return output.ToString();
    }

    private readonly record struct Line(string Text, bool HasBreak);

    private readonly record struct Step(Op Op, int A, int B);

    private static List<Line> SplitLines(string text)
    {
        var lines = new List<Line>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                lines.Add(new Line(text[start..i], true));
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            lines.Add(new Line(text[start..], false));
        }

        return lines;
    }

    /// <summary>The edit script: for every line of both texts, kept, deleted or inserted, in order.</summary>
    private static List<Step> Diff(List<Line> a, List<Line> b)
    {
        // Common prefix and suffix first: most migrations change a few lines of a long file.
        var prefix = 0;
        while (prefix < a.Count && prefix < b.Count && a[prefix] == b[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < a.Count - prefix && suffix < b.Count - prefix && a[a.Count - 1 - suffix] == b[b.Count - 1 - suffix])
        {
            suffix++;
        }

        var steps = new List<Step>();
        for (var i = 0; i < prefix; i++)
        {
            steps.Add(new Step(Op.Equal, i, i));
        }

        steps.AddRange(Myers(a, b, prefix, a.Count - suffix, prefix, b.Count - suffix));
        for (var i = suffix; i > 0; i--)
        {
            steps.Add(new Step(Op.Equal, a.Count - i, b.Count - i));
        }

        return steps;
    }

    private static List<Step> Myers(List<Line> a, List<Line> b, int aStart, int aEnd, int bStart, int bEnd)
    {
        var n = aEnd - aStart;
        var m = bEnd - bStart;
        var max = n + m;
        if (max == 0)
        {
            return [];
        }

        var limit = Math.Min(max, MaxEditDistance);
        var offset = limit + 1;
        var v = new int[2 * limit + 3];
        var trace = new List<int[]>();
        var found = -1;
        for (var d = 0; d <= limit && found < 0; d++)
        {
            trace.Add((int[])v.Clone());
            for (var k = -d; k <= d; k += 2)
            {
                int x;
                if (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]))
                {
                    x = v[offset + k + 1];
                }
                else
                {
                    x = v[offset + k - 1] + 1;
                }

                var y = x - k;
                while (x < n && y < m && a[aStart + x] == b[bStart + y])
                {
                    x++;
                    y++;
                }

                v[offset + k] = x;
                if (x >= n && y >= m)
                {
                    found = d;
                    break;
                }
            }
        }

        if (found < 0)
        {
            // Too different to search: everything removed, then everything added.
            var replaced = new List<Step>();
            for (var i = aStart; i < aEnd; i++)
            {
                replaced.Add(new Step(Op.Delete, i, -1));
            }

            for (var j = bStart; j < bEnd; j++)
            {
                replaced.Add(new Step(Op.Insert, -1, j));
            }

            return replaced;
        }

        // Walk the trace back from the end.
        var steps = new List<Step>();
        var cx = n;
        var cy = m;
        for (var d = found; d > 0; d--)
        {
            var previous = trace[d];
            var k = cx - cy;
            var prevK = k == -d || (k != d && previous[offset + k - 1] < previous[offset + k + 1]) ? k + 1 : k - 1;
            var prevX = previous[offset + prevK];
            var prevY = prevX - prevK;
            while (cx > prevX && cy > prevY)
            {
                cx--;
                cy--;
                steps.Add(new Step(Op.Equal, aStart + cx, bStart + cy));
            }

            if (cx == prevX)
            {
                cy--;
                steps.Add(new Step(Op.Insert, -1, bStart + cy));
            }
            else
            {
                cx--;
                steps.Add(new Step(Op.Delete, aStart + cx, -1));
            }
        }

        while (cx > 0 && cy > 0)
        {
            cx--;
            cy--;
            steps.Add(new Step(Op.Equal, aStart + cx, bStart + cy));
        }

        steps.Reverse();
        return steps;
    }

    /// <summary>Groups changes with up to <paramref name="context"/> lines around them; changes closer than twice that share a hunk.</summary>
    private static IEnumerable<List<Step>> Hunks(List<Step> script, int context)
    {
        var changes = script.Select((s, i) => (s, i)).Where(x => x.s.Op != Op.Equal).Select(x => x.i).ToList();
        var index = 0;
        while (index < changes.Count)
        {
            var start = Math.Max(0, changes[index] - context);
            var end = changes[index];
            while (index + 1 < changes.Count && changes[index + 1] - end <= 2 * context + 1)
            {
                index++;
                end = changes[index];
            }

            end = Math.Min(script.Count - 1, end + context);
            yield return script.GetRange(start, end - start + 1);
            index++;
        }
    }

    private static void WriteHunk(StringBuilder output, List<Step> hunk, List<Line> a, List<Line> b)
    {
        var aLines = hunk.Where(s => s.Op != Op.Insert).ToList();
        var bLines = hunk.Where(s => s.Op != Op.Delete).ToList();
        // A side with no line in the hunk is an empty file: "-0,0" / "+0,0".
        var aStart = aLines.Count > 0 ? aLines[0].A + 1 : 0;
        var bStart = bLines.Count > 0 ? bLines[0].B + 1 : 0;
        output.Append("@@ -").Append(Range(aStart, aLines.Count)).Append(" +").Append(Range(bStart, bLines.Count)).Append(" @@\n");
        foreach (var step in hunk)
        {
            var (marker, line) = step.Op switch
            {
                Op.Equal => (' ', a[step.A]),
                Op.Delete => ('-', a[step.A]),
                _ => ('+', b[step.B]),
            };
            output.Append(marker).Append(line.Text).Append('\n');
            if (!line.HasBreak)
            {
                output.Append("\\ No newline at end of file\n");
            }
        }
    }

    private static string Range(int start, int count) => count == 1 ? start.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{start},{count}";
}
