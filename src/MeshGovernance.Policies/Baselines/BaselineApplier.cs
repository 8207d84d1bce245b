using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Policies.Engine;

namespace MeshGovernance.Policies.Baselines;

/// <summary>
/// Applies governance/baseline.yaml: a finding the baseline records is existing debt and does not fail the
/// check; an entry that matches no finding is reported as removable (MG1407), and one that cannot apply (an
/// unknown rule, or a policy whose findings always block) as a warning (MG1408).
/// </summary>
internal sealed class BaselineApplier
{
    private readonly Dictionary<string, Queue<BaselineEntry>> _remaining = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, PolicyDefinition> _enabled;
    private readonly List<Diagnostic> _diagnostics = [];
    private readonly FindingFingerprint _fingerprint;

    public BaselineApplier(IReadOnlyList<BaselineEntry> entries, IReadOnlyList<PolicyDefinition> enabled, ISet<string> knownPolicies, FindingFingerprint fingerprint)
    {
        _fingerprint = fingerprint;
        _enabled = enabled.ToDictionary(p => p.Id, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var why = knownPolicies.Contains(entry.Rule)
                ? _enabled.TryGetValue(entry.Rule, out var policy) && !BaselineRules.CanRecord(policy) ? "whose findings always block; fix the finding and remove the entry" : null
                : BaselineRules.IsValidationRule(entry.Rule) ? null : "which is no policy of this mesh nor a schema or reference rule; remove the entry";
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
    public IReadOnlyList<Diagnostic> Mark(IReadOnlyList<Diagnostic> findings) => findings
        .Select(f => BaselineRules.Recordable(f, _enabled) && _remaining.TryGetValue(_fingerprint.Of(f), out var queue) && queue.TryDequeue(out _)
            ? f with { Baselined = true, ExistingDebt = true }
            : f)
        .ToList();

    /// <summary>What to say about the baseline itself, once every finding is marked.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics()
    {
        // Entries of a disabled policy stay quiet: the policy may be switched on again.
        var unmatched = _remaining.Values.SelectMany(q => q).Where(e => _enabled.ContainsKey(e.Rule) || BaselineRules.IsValidationRule(e.Rule));
        return _diagnostics.Concat(unmatched.Select(entry => DiagnosticCatalog.BaselineEntryFixed.Create(
            SpanOf(entry, "fingerprint"),
            $"No finding of '{entry.Rule}'{(entry.Subject is { Length: > 0 } subject ? $" on '{subject}'" : string.Empty)} in {entry.File} matches this baseline entry any more; remove it (meshgov baseline --prune).")))
            .ToList();
    }

    private static SourceSpan SpanOf(BaselineEntry entry, string key) => entry.Source?.SpanOf(key) ?? SourceSpan.StartOf(entry.File);
}
