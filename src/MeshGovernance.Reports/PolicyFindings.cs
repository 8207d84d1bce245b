using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Results;

namespace MeshGovernance.Reports;

/// <summary>
/// Sorts the diagnostics of a check by the policy they belong to. A policy's own findings carry its id; the
/// engine's diagnostics about a policy (MG13xx: it did not compile, ran out of time...) carry their MG id and
/// are attributed to the policy.
/// </summary>
internal static class PolicyFindings
{
    public static bool IsFindingOf(this Diagnostic diagnostic, string policyId) =>
        diagnostic.Policy?.PolicyId == policyId && diagnostic.Id == policyId;

    public static bool IsEngineDiagnosticOf(this Diagnostic diagnostic, string policyId) =>
        diagnostic.Policy?.PolicyId == policyId && diagnostic.Id != policyId;

    public static bool IsWaived(this Diagnostic diagnostic) => diagnostic.Policy?.Waived == true;

    /// <summary>
    /// The findings of one policy grouped by subject: first every subject the policy judged (in its order,
    /// passing ones included), then any subject it reported on outside that list, so no finding is lost.
    /// </summary>
    public static IReadOnlyList<SubjectOutcome> SubjectsOf(PolicyOutcome policy, IReadOnlyList<Diagnostic> diagnostics)
    {
        var bySubject = diagnostics
            .Where(d => d.IsFindingOf(policy.Metadata.Id))
            .GroupBy(d => d.Subject ?? string.Empty, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Diagnostic>)g.ToList(), StringComparer.Ordinal);
        var outcomes = new List<SubjectOutcome>();
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var subject in policy.Subjects)
        {
            if (listed.Add(subject))
            {
                outcomes.Add(new SubjectOutcome(subject, bySubject.GetValueOrDefault(subject) ?? []));
            }
        }

        foreach (var (subject, findings) in bySubject.Where(entry => !listed.Contains(entry.Key)))
        {
            outcomes.Add(new SubjectOutcome(subject.Length == 0 ? null : subject, findings));
        }

        return outcomes;
    }

    /// <summary>Diagnostics that belong to no policy section: validation, waivers, policy configuration, and anything attributed to a policy the report does not list.</summary>
    public static IReadOnlyList<Diagnostic> OutsidePolicies(CheckReport report)
    {
        var enabled = report.Policies.Where(p => p.Enabled).ToDictionary(p => p.Metadata.Id, StringComparer.Ordinal);
        return report.Diagnostics.Where(d => !BelongsToPolicySection(d, enabled)).ToList();
    }

    private static bool BelongsToPolicySection(Diagnostic diagnostic, Dictionary<string, PolicyOutcome> enabled)
    {
        if (diagnostic.Policy is not { } attribution || !enabled.TryGetValue(attribution.PolicyId, out var policy))
        {
            return false;
        }

        // An engine diagnostic of a policy that ran anyway has no place in the policy's results; keep it visible.
        return diagnostic.Id == attribution.PolicyId || !policy.Ran;
    }
}

/// <summary>What one policy found on one subject (null when a finding named none).</summary>
internal sealed record SubjectOutcome(string? Subject, IReadOnlyList<Diagnostic> Findings)
{
    public bool Blocking => Findings.Any(f => f.Blocking);

    public bool Waived => Findings.Count > 0 && Findings.All(f => f.IsWaived());
}
