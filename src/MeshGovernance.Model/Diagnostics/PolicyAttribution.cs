namespace MeshGovernance.Model.Diagnostics;

/// <summary>How strictly a policy applies (Sentinel's levels).</summary>
public enum Enforcement
{
    /// <summary>Findings are notices; they never fail a check.</summary>
    Advisory,

    /// <summary>Findings fail the check unless a waiver covers them.</summary>
    SoftMandatory,

    /// <summary>Findings fail the check; no waiver can cover them.</summary>
    HardMandatory,
}

/// <summary>Marks a diagnostic as a policy finding: which policy, at which enforcement, and the waiver covering it.</summary>
public sealed record PolicyAttribution(string PolicyId, Enforcement Enforcement, AppliedWaiver? Waiver = null)
{
    public bool Waived => Waiver is not null;
}

/// <summary>The waiver that covers a finding, as written in governance/waivers.yaml.</summary>
public sealed record AppliedWaiver(string Justification, string ApprovedBy, string Expires, SourceSpan Span);

public static class EnforcementNames
{
    public static string ToName(this Enforcement enforcement) => enforcement switch
    {
        Enforcement.Advisory => "advisory",
        Enforcement.SoftMandatory => "soft-mandatory",
        Enforcement.HardMandatory => "hard-mandatory",
        _ => throw new ArgumentOutOfRangeException(nameof(enforcement), enforcement, null),
    };

    public static Enforcement? Parse(string? name) => name switch
    {
        "advisory" => Enforcement.Advisory,
        "soft-mandatory" => Enforcement.SoftMandatory,
        "hard-mandatory" => Enforcement.HardMandatory,
        _ => null,
    };
}
