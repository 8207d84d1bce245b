using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Policies.Configuration;
using MeshGovernance.Policies.Metadata;
using MeshGovernance.Results;

namespace MeshGovernance.Policies.Engine;

/// <summary>A policy as this mesh applies it: its script and metadata, with mesh.yaml's settings laid over them.</summary>
public sealed record PolicyDefinition(PolicySource Source, PolicyMetadata Declared, PolicySettings Settings)
{
    public string Id => Declared.Id;

    public bool Enabled => Settings.Enabled;

    public Enforcement Enforcement => Settings.Enforcement ?? Declared.Enforcement;

    /// <summary>The metadata with the enforcement mesh.yaml gives it.</summary>
    public PolicyMetadata Effective => Declared with { Enforcement = Enforcement, Parameters = Parameters };

    public IReadOnlyDictionary<string, object> Parameters
    {
        get
        {
            var merged = new Dictionary<string, object>(Declared.Parameters, StringComparer.Ordinal);
            foreach (var (name, value) in Settings.Parameters)
            {
                merged[name] = value;
            }

            return merged;
        }
    }
}
