using System.Text;
using MeshGovernance.Model.Loading;
using MeshGovernance.Policies.Engine;
using MeshGovernance.Results;

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

    public static Plan Build(CheckResult result, PolicySet policies, MeshLoadResult load, IReadOnlyList<BaselineEntry> recorded, bool prune)
    {
        var fingerprint = new FindingFingerprint(load);
        var ranIds = result.Policies.Where(o => o.Enabled && o.Ran).Select(o => o.Metadata.Id).ToHashSet(StringComparer.Ordinal);
        var ran = policies.Policies.Where(p => ranIds.Contains(p.Id)).ToDictionary(p => p.Id, StringComparer.Ordinal);
        // Each finding's place is looked up once: the fingerprint and the entry's 'at' come from it.
        var recordable = result.Diagnostics.Where(d => BaselineRules.Recordable(d, ran))
            .Select(d => (Finding: d, At: fingerprint.PathOf(d))).Select(f => (f.Finding, f.At, Fingerprint: FindingFingerprint.Hash(f.Finding.Id, f.Finding.File, f.Finding.Subject, f.At))).ToList();
        var waived = result.Diagnostics.Where(d => d.Policy is { Waived: true } policy && d.Id == policy.PolicyId).Select(fingerprint.Of);
        var notRecordable = result.Diagnostics.Count(d => d.Blocking && !BaselineRules.Recordable(d, ran));

        // Recorded entries matched to today's findings, one finding per entry; a finding waived since it was
        // recorded keeps its entry, which is needed again when the waiver expires.
        var available = recordable.Select(r => r.Fingerprint).Concat(waived).CountBy(f => f, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
        var recordableFingerprints = recordable.Select(r => r.Fingerprint).ToHashSet(StringComparer.Ordinal);
        var kept = new List<BaselineEntry>();
        var keptWaived = new List<BaselineEntry>();
        var unknown = new List<BaselineEntry>();
        foreach (var entry in recorded)
        {
            if (available.TryGetValue(entry.Fingerprint, out var count) && count > 0)
            {
                available[entry.Fingerprint] = count - 1;
                (recordableFingerprints.Contains(entry.Fingerprint) ? kept : keptWaived).Add(entry with { Source = null });
            }
            else if ((!ran.ContainsKey(entry.Rule) && !BaselineRules.IsValidationRule(entry.Rule)) || fingerprint.IsUnreadable(entry.File))
            {
                // A policy that is disabled or did not run, a file that cannot be read today: not known to be fixed.
                unknown.Add(entry with { Source = null });
            }
        }

        var entries = prune
            ? [.. kept, .. keptWaived, .. unknown]
            : recordable.Select(r => new BaselineEntry(r.Fingerprint, r.Finding.Id, r.Finding.Subject, r.Finding.File, r.At, r.Finding.Message))
                .Concat(keptWaived).Concat(unknown).ToList();
        var ordered = entries
            .OrderBy(e => e.File, StringComparer.Ordinal)
            .ThenBy(e => e.Rule, StringComparer.Ordinal)
            .ThenBy(e => e.Subject, StringComparer.Ordinal)
            .ThenBy(e => e.At, StringComparer.Ordinal)
            .ThenBy(e => e.Message, StringComparer.Ordinal)
            .ToList();
        var carried = kept.Count + keptWaived.Count + unknown.Count;
        return new Plan(ordered, ordered.Count - carried, carried, recorded.Count - carried, notRecordable);
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
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            _ = c switch
            {
                '"' => quoted.Append("\\\""),
                '\\' => quoted.Append("\\\\"),
                '\n' => quoted.Append("\\n"),
                '\t' => quoted.Append("\\t"),
                _ when char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085' or '\uFEFF' or '\uFFFE' or '\uFFFF' => quoted.Append($"\\u{(int)c:X4}"),
                // A lone surrogate is no character YAML can hold: written as the replacement character.
                _ when char.IsSurrogate(c) && !IsPairedAt(value, i) => quoted.Append('\uFFFD'),
                _ => quoted.Append(c),
            };
        }

        return quoted.Append('"').ToString();
    }

    private static bool IsPairedAt(string value, int i) => char.IsHighSurrogate(value[i])
        ? i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])
        : i > 0 && char.IsHighSurrogate(value[i - 1]);
}
