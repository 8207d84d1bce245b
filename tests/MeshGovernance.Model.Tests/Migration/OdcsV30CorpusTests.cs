using System.Text.RegularExpressions;
using MeshGovernance.Model.Migration;
using MeshGovernance.Testing;

namespace MeshGovernance.Model.Tests.Migration;

/// <summary>
/// Every ODCS v3.0.x contract of ../shared/corpus/realworld migrates to v3.1.0: what is valid for its own
/// version becomes valid for v3.1.0, and the lines the migration does not rewrite stay byte for byte where
/// they were, comments included.
/// </summary>
public sealed partial class OdcsV30CorpusTests
{
    public static TheoryData<string, string, bool, bool> Files() => MigrationCorpus.OdcsV30();

    /// <summary>
    /// A file valid for its declared version is valid for v3.1.0 once migrated. A file the official schema of its
    /// own version already refuses (isNullable where ODCS says required, a snowflake server without account, …)
    /// keeps those problems: the migration does not guess what its author meant, so its result may be refused
    /// for them too, but for nothing new. The one file that is not well-formed YAML 1.2 is refused with its
    /// syntax error, as meshgov validate refuses it.
    /// </summary>
    [CorpusTheory]
    [MemberData(nameof(Files))]
    public void A_v3_0_contract_migrates_to_one_the_v3_1_schema_accepts(string file, string version, bool officiallyValid, bool wellFormed)
    {
        var original = File.ReadAllText(Path.Combine(MigrationCorpus.RealWorld, file));

        var result = ContractMigrator.Migrate(original, file);

        if (!wellFormed)
        {
            Assert.Equal(MigrationOutcome.Refused, result.Outcome);
            Assert.Equal("MG1001", result.Error!.Id);
            Assert.True(result.Error.Line > 1, "the syntax error names its line");
            return;
        }

        Assert.True(result.Outcome == MigrationOutcome.Migrated, $"{file}: {result.Outcome} {result.Error?.Message}");
        Assert.Equal("ODCS " + version, result.From);
        var after = MigrationCorpus.SchemaErrors(result.Text!, file);
        if (officiallyValid)
        {
            Assert.True(after.Count == 0, $"{file} ({version}) is valid for its version, but its migration is not valid for v3.1.0:{Environment.NewLine}"
                + string.Join(Environment.NewLine, after.Select(d => $"  {d.Line}:{d.Column} {d.Id} {d.Message}")));
            return;
        }

        var before = MigrationCorpus.SchemaErrors(original, file).Select(d => Normalized(d.Message)).ToHashSet(StringComparer.Ordinal);
        var added = after.Where(d => !before.Contains(Normalized(d.Message))).ToList();
        Assert.True(added.Count == 0, $"{file} ({version}, invalid for its version) gets schema errors it did not have:{Environment.NewLine}"
            + string.Join(Environment.NewLine, added.Select(d => $"  {d.Line}:{d.Column} {d.Id} {d.Message}"))
            + $"{Environment.NewLine}before:{Environment.NewLine}  " + string.Join($"{Environment.NewLine}  ", before));
        foreach (var error in after)
        {
            Assert.Contains(result.Notes, n => n.Kind == MigrationNoteKind.Attention && n.Line == error.Line && n.Message.Contains(error.Message, StringComparison.Ordinal));
        }
    }

    /// <summary>
    /// Outside what the migration rewrites, every line stays byte for byte and in order, comments included: each
    /// line the diff removes is one the migration names (apiVersion, a quality rule, an exclusive bound, a moved
    /// key, …) or reappears only moved right (a team list nested under members).
    /// </summary>
    [CorpusTheory]
    [MemberData(nameof(Files))]
    public void Lines_the_migration_does_not_rewrite_stay_byte_for_byte(string file, string version, bool officiallyValid, bool wellFormed)
    {
        _ = (version, officiallyValid);
        if (!wellFormed)
        {
            return;
        }

        var original = File.ReadAllText(Path.Combine(MigrationCorpus.RealWorld, file));
        var result = ContractMigrator.Migrate(original, file);
        var diff = UnifiedDiff.Create(original, result.Text!, file).Split('\n');
        var removed = diff.Where(l => l.StartsWith('-') && !l.StartsWith("---", StringComparison.Ordinal)).Select(l => l[1..]).ToList();
        var added = diff.Where(l => l.StartsWith('+') && !l.StartsWith("+++", StringComparison.Ordinal)).Select(l => l[1..]).ToList();
        var moved = result.Notes.Select(n => MovedKey().Match(n.Message)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var rewritten = new HashSet<string>(StringComparer.Ordinal)
        {
            "apiVersion", "rule", "type", "exclusiveMaximum", "exclusiveMinimum", "maximum", "minimum", "staging_dir", "column", "slaDefaultColumn", "validValues",
        };
        rewritten.UnionWith(moved);

        foreach (var line in removed)
        {
            var key = KeyOf().Match(line) is { Success: true } m ? m.Groups[1].Value : null;
            var reindented = added.Any(a => a.Length > line.Length && a.EndsWith(line.TrimStart(), StringComparison.Ordinal) && a.TrimStart() == line.TrimStart());
            Assert.True(reindented || (key is not null && rewritten.Contains(key)),
                $"{file}: the migration changes a line it has no reason to change: '{line}'");
        }

        // Every comment of the original is still there, in the same order.
        Assert.Equal(Comments(original), Comments(result.Text!));
    }

    /// <summary>Migrating again changes nothing: the result is v3.1.0 already.</summary>
    [CorpusTheory]
    [MemberData(nameof(Files))]
    public void Migrating_the_result_again_changes_nothing(string file, string version, bool officiallyValid, bool wellFormed)
    {
        _ = (version, officiallyValid);
        if (!wellFormed)
        {
            return;
        }

        var once = ContractMigrator.Migrate(File.ReadAllText(Path.Combine(MigrationCorpus.RealWorld, file)), file);
        var twice = ContractMigrator.Migrate(once.Text!, file);

        Assert.Equal(MigrationOutcome.AlreadyCurrent, twice.Outcome);
        Assert.Equal(once.Text, twice.Text);
    }

    /// <summary>The comments of a text, each from its '#', in order (a '#' inside quotes is no comment).</summary>
    private static List<string> Comments(string text) =>
        [.. text.Split('\n').Select(l => CommentOf().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value.TrimEnd('\r'))];

    /// <summary>An error message without the version it was found under, nor the advice after it.</summary>
    private static string Normalized(string message)
    {
        var text = VersionMention().Replace(message, "");
        foreach (var marker in new[] { " (", ". Did you mean", ". Allowed" })
        {
            var at = text.IndexOf(marker, StringComparison.Ordinal);
            text = at > 0 ? text[..at] : text;
        }

        return TeamMembers().Replace(text, "team[").TrimEnd('.', ' ');
    }

    [GeneratedRegex(@"'([^']+)' is not part of ODCS v3\.1 here")]
    private static partial Regex MovedKey();

    [GeneratedRegex(@"^\s*(?:-\s+)?[""']?([A-Za-z_$][\w$.-]*)[""']?\s*:")]
    private static partial Regex KeyOf();

    [GeneratedRegex(@"^(?:[^""'#]|""[^""]*""|'[^']*')*?(#.*)$")]
    private static partial Regex CommentOf();

    [GeneratedRegex(@",? ?\(?in ODCS v3\.\d\.\d\)?|\(ODCS v3\.\d\.\d\)")]
    private static partial Regex VersionMention();

    [GeneratedRegex(@"team\.members\[")]
    private static partial Regex TeamMembers();
}
