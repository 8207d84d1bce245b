using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Yaml;
using MeshGovernance.Policies.Scripting;
using MeshGovernance.Results;

namespace MeshGovernance.Policies.Configuration;

/// <summary>
/// Reads the <c>policies:</c> section of mesh.yaml against the policies that exist: unknown policies,
/// unknown parameters and values of the wrong type are errors at their line (the schema already checked the shape).
/// </summary>
internal static class PolicyConfigurationReader
{
    public static IReadOnlyDictionary<string, PolicySettings> Read(SourceMapping? section, IReadOnlyDictionary<string, PolicyMetadata> policies, List<Diagnostic> diagnostics)
    {
        var settings = new Dictionary<string, PolicySettings>(StringComparer.Ordinal);
        if (section is null)
        {
            return settings;
        }

        foreach (var (key, value) in section.Entries)
        {
            if (!policies.TryGetValue(key.Value, out var metadata))
            {
                diagnostics.Add(Error(key.Span, $"mesh.yaml configures the policy '{key.Value}', which does not exist{(Spelling.Closest(key.Value, policies.Keys.ToList()) is { } closest ? $" (did you mean '{closest}'?)" : string.Empty)}. 'meshgov policy list' lists the policies."));
                continue;
            }

            if (value is not SourceMapping mapping)
            {
                continue;
            }

            var enabled = mapping.GetBoolean("enabled") ?? true;
            var enforcement = EnforcementNames.Parse(mapping.GetString("enforcement"));
            var parameters = new Dictionary<string, object>(StringComparer.Ordinal);
            if (mapping.GetMapping("params") is { } given)
            {
                foreach (var (name, node) in given.Entries)
                {
                    if (!metadata.Parameters.TryGetValue(name.Value, out var declared))
                    {
                        var known = metadata.Parameters.Count == 0 ? "it takes none" : "it takes " + string.Join(", ", metadata.Parameters.Keys);
                        diagnostics.Add(Error(name.Span, $"The policy '{key.Value}' has no parameter '{name.Value}'; {known}."));
                        continue;
                    }

                    var typed = ParameterTypes.FromYaml(node);
                    if (typed is null || !ParameterTypes.SameType(declared, typed))
                    {
                        diagnostics.Add(Error(node.Span, $"The parameter '{name.Value}' of '{key.Value}' is {ParameterTypes.Describe(declared)}, but this value is {ParameterTypes.Describe(typed)}; the policy's default is used."));
                        continue;
                    }

                    parameters[name.Value] = ParameterTypes.Normalize(declared, typed);
                }
            }

            settings[key.Value] = new PolicySettings(enabled, enforcement, parameters);
        }

        return settings;

        Diagnostic Error(SourceSpan span, string message) => DiagnosticCatalog.PolicyConfigurationInvalid.Create(span, message);
    }
}
