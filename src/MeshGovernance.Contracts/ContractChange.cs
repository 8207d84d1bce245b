using MeshGovernance.Model.Diagnostics;

namespace MeshGovernance.Contracts;

/// <summary>One difference between two versions of a contract.</summary>
/// <param name="Rule">The stable id of the rule that classified it (see <see cref="ContractChangeRules"/>).</param>
/// <param name="Path">Where, readably: <c>schema[orders].properties[customer_id].logicalType</c>.</param>
/// <param name="Base">Where it was at the base revision; null for an addition.</param>
/// <param name="Head">Where to show it at the head revision: the changed node, or for a removal the nearest node that remains.</param>
public sealed record ContractChange(ChangeSeverity Severity, string Rule, string Path, string Message, SourceSpan? Base, SourceSpan? Head)
{
    /// <summary>The version increment this change calls for.</summary>
    /// <summary>True when the changed node is gone at head, so <see cref="Head"/> is only the nearest node that remains.</summary>
    public bool HeadIsNearest { get; init; }

    public VersionBump Requires => ContractChangeRules.Find(Rule)?.Requires ?? (Severity == ChangeSeverity.Breaking ? VersionBump.Major : VersionBump.Patch);
}
