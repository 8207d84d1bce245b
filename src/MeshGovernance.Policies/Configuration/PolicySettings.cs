using MeshGovernance.Model.Diagnostics;

namespace MeshGovernance.Policies.Configuration;

/// <summary>How mesh.yaml configures one policy: switched on or off, its enforcement, its parameter values.</summary>
public sealed record PolicySettings(bool Enabled, Enforcement? Enforcement, IReadOnlyDictionary<string, object> Parameters)
{
    public static PolicySettings Default { get; } = new(true, null, new Dictionary<string, object>());
}
