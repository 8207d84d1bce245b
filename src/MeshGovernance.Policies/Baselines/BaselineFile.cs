using System.Text;
using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Policies.Engine;

namespace MeshGovernance.Policies.Baselines;

/// <summary>
/// Writes governance/baseline.yaml from a check: every recordable finding (see <see cref="BaselineRules"/>),
/// or, when pruning, only the recorded entries that still match a finding.
/// </summary>
public static class BaselineFile
{
    public const string RepositoryPath = "governance/baseline.yaml";

    /// <summary>What a new baseline would hold, and how it differs from the recorded one.</summary>
    public sealed record Plan(IReadOnlyList<BaselineEntry> Entries, int Added, int Kept, int Removed, int NotRecordable);

    public static Plan Build(CheckResult result, PolicySet policies, FindingFingerprint fingerprint, IReadOnlyList<BaselineEntry> recorded, bool prune)
    {
        var enabled = policies.Policies.Where(p => p.Enabled).ToDictionary(p => p.Id, StringComparer.Ordinal);
        var recordable = result.Diagnostics.Where(d => BaselineRules.Recordable(d, enabled)).ToList();
        var notRecordable = result.Diagnostics.Count(d => d.Blocking && !BaselineRules.Recordable(d, enabled));

        // Recorded entries matched to today's findings, one finding per entry.
        var available = recordable.GroupBy(fingerprint.Of).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var kept = new List<BaselineEntry>();
        foreach (var entry in recorded)
        {
            if (available.TryGetValue(entry.Fingerprint, out var count) && count > 0)
            {
                available[entry.Fingerprint] = count - 1;
                kept.Add(entry with { Source = null });
            }
        }

        var entries = prune
            ? kept
            : recordable.Select(d => new BaselineEntry(fingerprint.Of(d), d.Id, d.Subject, d.File, fingerprint.PathOf(d), d.Message)).ToList();
        var ordered = entries
            .OrderBy(e => e.File, StringComparer.Ordinal)
            .ThenBy(e => e.Rule, StringComparer.Ordinal)
            .ThenBy(e => e.Subject, StringComparer.Ordinal)
            .ThenBy(e => e.Message, StringComparer.Ordinal)
            .ToList();
        return new Plan(ordered, ordered.Count - kept.Count, kept.Count, recorded.Count - kept.Count, notRecordable);
    }

    public static string ToYaml(IReadOnlyList<BaselineEntry> entries)
    {
        var text = new StringBuilder();
        text.Append("# Findings this repository had when it adopted meshgov, written by 'meshgov baseline'. They are\n");
        text.Append("# reported as existing debt and do not fail a check; any other finding does. Review changes to this\n");
        text.Append("# file like code: an entry added here lets a finding through. 'meshgov baseline --prune' removes the\n");
        text.Append("# entries whose findings are fixed.\n");
        text.Append("apiVersion: meshgov/v1\nkind: Baseline\n");
        if (entries.Count == 0)
        {
            text.Append("findings: []\n");
            return text.ToString();
        }

        text.Append("findings:\n");
        foreach (var entry in entries)
        {
            // Quoted: a hexadecimal fingerprint such as 63839298502246e6 would read as a number.
            text.Append("  - fingerprint: ").Append(Quoted(entry.Fingerprint)).Append('\n');
            text.Append("    rule: ").Append(Quoted(entry.Rule)).Append('\n');
            if (entry.Subject is { Length: > 0 } subject)
            {
                text.Append("    subject: ").Append(Quoted(subject)).Append('\n');
            }

            text.Append("    file: ").Append(Quoted(entry.File)).Append('\n');
            if (entry.At is { Length: > 0 } at)
            {
                text.Append("    at: ").Append(Quoted(at)).Append('\n');
            }

            if (entry.Message is { } message)
            {
                text.Append("    message: ").Append(Quoted(message)).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>A YAML double-quoted scalar: safe for any text, whatever characters it holds.</summary>
    private static string Quoted(string value)
    {
        var quoted = new StringBuilder("\"", value.Length + 2);
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => quoted.Append("\\\""),
                '\\' => quoted.Append("\\\\"),
                '\n' => quoted.Append("\\n"),
                '\t' => quoted.Append("\\t"),
                _ when char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085' or '\uFEFF' => quoted.Append($"\\u{(int)c:X4}"),
                _ => quoted.Append(c),
            };
        }

        return quoted.Append('"').ToString();
    }
}
