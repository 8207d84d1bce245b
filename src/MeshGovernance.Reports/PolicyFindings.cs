using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Results;

namespace MeshGovernance.Reports;

/// <summary>
/// The diagnostics of a check that no policy section shows (validation, configuration, engine diagnostics of a
/// policy that ran anyway); a policy's own results come from <see cref="PolicyVerdicts"/>.
/// </summary>
internal static class PolicyFindings
{
    public static bool IsWaived(this Diagnostic diagnostic) => diagnostic.Policy?.Waived == true;

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
