using System.Text;
using System.Text.RegularExpressions;
using MeshGovernance.Model.Migration;
using MeshGovernance.Testing;

namespace MeshGovernance.Model.Tests.Migration;

/// <summary>The unified diff --dry-run prints: git's format, and it applies back to the migrated text.</summary>
public sealed partial class UnifiedDiffTests
{
    [Fact]
    public void Same_texts_have_no_diff() => Assert.Equal(string.Empty, UnifiedDiff.Create("a\nb\n", "a\nb\n", "f.yaml"));

    [Fact]
    public void A_change_shows_three_lines_of_context_under_a_and_b_headers()
    {
        var before = string.Join('\n', Enumerable.Range(1, 10).Select(i => $"line{i}")) + "\n";
        var after = before.Replace("line5\n", "line five\n", StringComparison.Ordinal);

        var diff = UnifiedDiff.Create(before, after, "domains/d/contracts/c.odcs.yaml");

        Assert.Equal("--- a/domains/d/contracts/c.odcs.yaml\n+++ b/domains/d/contracts/c.odcs.yaml\n@@ -2,7 +2,7 @@\n line2\n line3\n line4\n-line5\n+line five\n line6\n line7\n line8\n", diff);
    }

    [Fact]
    public void Changes_far_apart_get_hunks_of_their_own_and_a_missing_final_newline_is_marked()
    {
        var before = string.Join('\n', Enumerable.Range(1, 20).Select(i => $"l{i}"));
        var after = before.Replace("l2\n", "L2\n", StringComparison.Ordinal).Replace("l20", "L20", StringComparison.Ordinal);

        var diff = UnifiedDiff.Create(before, after, "f");

        Assert.Equal(2, HunkHeader().Count(diff));
        Assert.Contains("@@ -1,5 +1,5 @@", diff, StringComparison.Ordinal);
        Assert.EndsWith("-l20\n\\ No newline at end of file\n+L20\n\\ No newline at end of file\n", diff, StringComparison.Ordinal);
    }

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var row in ((IEnumerable<object[]>)MigrationCorpus.OdcsV30()).Where(r => (bool)r[3] && (string)r[0] != "(corpus absent)"))
        {
            data.Add(Path.Combine("realworld", (string)row[0]));
        }

        foreach (var row in (IEnumerable<object[]>)MigrationCorpus.Dcs())
        {
            data.Add((string)row[0]);
        }

        return data;
    }

    /// <summary>Applying the diff of a migration to the original gives the migrated text, as git apply would.</summary>
    [CorpusTheory]
    [MemberData(nameof(Files))]
    public void The_diff_of_a_migration_applies_to_the_original(string file)
    {
        var original = File.ReadAllText(Path.Combine(RepositoryPaths.Corpus, file));
        var migrated = ContractMigrator.Migrate(original, file).Text!;

        Assert.Equal(migrated, Apply(original, UnifiedDiff.Create(original, migrated, file)));
    }

    /// <summary>A strict patch: every context and removed line must match where the hunk says.</summary>
    private static string Apply(string original, string diff)
    {
        var source = Split(original);
        var result = new List<(string Text, bool Break)>();
        var lines = diff.Split('\n');
        var position = 0;
        var i = 2;
        while (i < lines.Length && lines[i].StartsWith("@@", StringComparison.Ordinal))
        {
            var header = HunkHeader().Match(lines[i]);
            var start = int.Parse(header.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) - 1;
            start = Math.Max(start, 0);
            while (position < start)
            {
                result.Add(source[position++]);
            }

            i++;
            while (i < lines.Length && lines[i].Length > 0 && lines[i][0] is ' ' or '-' or '+')
            {
                var text = lines[i][1..];
                var hasBreak = !(i + 1 < lines.Length && lines[i + 1].StartsWith('\\'));
                switch (lines[i][0])
                {
                    case ' ':
                        Assert.Equal(source[position].Text, text);
                        result.Add(source[position++]);
                        break;
                    case '-':
                        Assert.Equal(source[position].Text, text);
                        position++;
                        break;
                    default:
                        result.Add((text, hasBreak));
                        break;
                }

                i += hasBreak ? 1 : 2;
            }
        }

        while (position < source.Count)
        {
            result.Add(source[position++]);
        }

        var builder = new StringBuilder();
        foreach (var (text, hasBreak) in result)
        {
            builder.Append(text);
            if (hasBreak)
            {
                builder.Append('\n');
            }
        }

        return builder.ToString();
    }

    private static List<(string Text, bool Break)> Split(string text)
    {
        var parts = text.Split('\n');
        var lines = parts.Take(parts.Length - 1).Select(p => (p, true)).ToList();
        if (parts[^1].Length > 0)
        {
            lines.Add((parts[^1], false));
        }

        return lines;
    }

    [GeneratedRegex(@"^@@ -(\d+)(?:,\d+)? \+\d+(?:,\d+)? @@", RegexOptions.Multiline)]
    private static partial Regex HunkHeader();
}
