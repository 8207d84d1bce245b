using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Policies.Engine;

namespace MeshGovernance.Policies.Baselines;

/// <summary>Which findings a baseline may record.</summary>
public static class BaselineRules
{
    /// <summary>
    /// An error no waiver covers, of a policy whose findings may be existing debt, or of the schema or reference
    /// rules (MG11xx, MG12xx) in products, contracts, domains and teams. Files that cannot be read (MG10xx), the
    /// engine's own errors and errors in mesh.yaml or governance/ are never debt.
    /// </summary>
    public static bool Recordable(Diagnostic finding, IReadOnlyDictionary<string, PolicyDefinition> enabledPolicies) =>
        finding.Level == DiagnosticLevel.Error && finding.Policy switch
        {
            // Debt in what domains own; an error in mesh.yaml or governance/ (a waiver without approval) is not.
            null => IsValidationRule(finding.Id) && (finding.File.StartsWith("domains/", StringComparison.Ordinal) || finding.File.StartsWith("teams/", StringComparison.Ordinal)),
            { Waived: false } attribution => finding.Id == attribution.PolicyId && finding.Subject is not null
                && enabledPolicies.TryGetValue(attribution.PolicyId, out var policy) && CanRecord(policy),
            _ => false,
        };

    public static bool IsValidationRule(string id) =>
        (id.StartsWith("MG11", StringComparison.Ordinal) || id.StartsWith("MG12", StringComparison.Ordinal)) && DiagnosticCatalog.Find(id) is not null;

    public static bool CanRecord(PolicyDefinition policy) => policy.Enforcement != Enforcement.HardMandatory && !policy.Declared.AlwaysBlocks;
}
