using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Policies.Engine;

namespace MeshGovernance.Policies.Baselines;

/// <summary>
/// Applies governance/baseline.yaml: a finding the baseline records is existing debt and does not fail the
/// check; an entry that matches no finding is reported as removable (MG1407), and one that cannot apply (an
/// unknown rule, a policy whose findings always block, fields edited by hand) as a warning (MG1408).
/// </summary>
internal sealed class BaselineApplier
{
    private readonly Dictionary<string, Queue<BaselineEntry>> _remaining = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, PolicyDefinition> _ran;
    private readonly List<Diagnostic> _diagnostics = [];
    private readonly FindingFingerprint _fingerprint;

    /// <param name="ran">The policies that ran: entries of the others (disabled, stopped) are kept quiet.</param>
    public BaselineApplier(IReadOnlyList<BaselineEntry> entries, IReadOnlyList<PolicyDefinition> ran, ISet<string> knownPolicies, FindingFingerprint fingerprint)
    {
        _fingerprint = fingerprint;
        _ran = ran.ToDictionary(p => p.Id, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var why = knownPolicies.Contains(entry.Rule)
                ? _ran.TryGetValue(entry.Rule, out var policy) && !BaselineRules.CanRecord(policy) ? "whose findings always block; fix the finding and remove the entry" : null
                : BaselineRules.IsValidationRule(entry.Rule) ? null : "which is no policy of this mesh nor a schema or reference rule; remove the entry";
            why ??= entry.Fingerprint != FindingFingerprint.Hash(entry.Rule, entry.File, entry.Subject, entry.At ?? string.Empty)
                ? "but its fingerprint does not match its rule, file, subject and place (was it edited by hand?); record it again with 'meshgov baseline'"
                : null;
            if (why is not null)
            {
                _diagnostics.Add(DiagnosticCatalog.BaselineEntryNotApplicable.Create(SpanOf(entry, "rule"), $"The baseline records a finding of '{entry.Rule}', {why}."));
                continue;
            }

            if (!_remaining.TryGetValue(entry.Fingerprint, out var queue))
            {
                _remaining[entry.Fingerprint] = queue = new Queue<BaselineEntry>();
            }

            queue.Enqueue(entry);
        }
    }

    /// <summary>The findings, those the baseline records marked baselined (and so existing debt).</summary>
    public IReadOnlyList<Diagnostic> Mark(IReadOnlyList<Diagnostic> findings) => findings.Select(Mark).ToList();

    private Diagnostic Mark(Diagnostic finding)
    {
        var recordable = BaselineRules.Recordable(finding, _ran);
        // A recorded finding since waived still uses its entry: the entry is not "fixed", and is needed again
        // when the waiver expires.
        var waived = finding.Policy is { Waived: true } policy && finding.Id == policy.PolicyId;
        if ((!recordable && !waived) || !_remaining.TryGetValue(_fingerprint.Of(finding), out var queue) || !queue.TryDequeue(out _))
        {
            return finding;
        }

        return recordable ? finding with { Baselined = true, ExistingDebt = true } : finding;
    }

    /// <summary>What to say about the baseline itself, once every finding is marked.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics()
    {
        // Entries of a policy that did not run, or of a file that cannot be read today, stay quiet: their
        // findings are not known to be gone.
        var unmatched = _remaining.Values.SelectMany(q => q)
            .Where(e => (_ran.ContainsKey(e.Rule) || BaselineRules.IsValidationRule(e.Rule)) && !_fingerprint.IsUnreadable(e.File));
        return _diagnostics.Concat(unmatched.Select(entry => DiagnosticCatalog.BaselineEntryFixed.Create(
            SpanOf(entry, "fingerprint"),
            $"No finding of '{entry.Rule}'{(entry.Subject is { Length: > 0 } subject ? $" on '{subject}'" : string.Empty)} in {entry.File} matches this baseline entry any more; remove it (meshgov baseline --prune).")))
            .ToList();
    }

    private static SourceSpan SpanOf(BaselineEntry entry, string key) => entry.Source?.SpanOf(key) ?? SourceSpan.StartOf(entry.File);
}
