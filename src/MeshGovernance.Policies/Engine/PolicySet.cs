using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Loading;
using MeshGovernance.Policies.BuiltIn;
using MeshGovernance.Policies.Configuration;
using MeshGovernance.Policies.Metadata;
using MeshGovernance.Results;

namespace MeshGovernance.Policies.Engine;

/// <summary>
/// The policies of a mesh, read without compiling anything: the built-in pack and governance/policies/*.csx,
/// their metadata, and mesh.yaml's settings. What <c>policy list</c> shows and what the engine runs.
/// </summary>
public sealed record PolicySet(IReadOnlyList<PolicyDefinition> Policies, IReadOnlyList<Diagnostic> Diagnostics)
{
    public const int MaxScriptBytes = 1024 * 1024;

    /// <summary>Two policies share an id, or mesh.yaml configures policies wrongly (MG1308/MG1309): the run is a configuration error.</summary>
    public bool ConfigurationInvalid { get; init; }

    public static PolicySet Load(MeshLoadResult load, bool includeBuiltIn = true) =>
        FromSources((includeBuiltIn ? BuiltInPolicies.Sources : []).Concat(ReadScripts(load.Layout?.PolicyScripts ?? [], out var readErrors)).ToList(), load, readErrors);

    public static PolicySet FromSources(IReadOnlyList<PolicySource> sources, MeshLoadResult load, IReadOnlyList<Diagnostic>? earlier = null)
    {
        var diagnostics = new List<Diagnostic>(earlier ?? []);
        var declared = new List<(PolicySource Source, PolicyMetadata Metadata)>();
        var byId = new Dictionary<string, PolicySource>(StringComparer.Ordinal);
        var invalid = false;
        foreach (var source in sources)
        {
            var (metadata, metadataDiagnostics) = PolicyMetadataReader.Read(source);
            diagnostics.AddRange(metadataDiagnostics);
            if (metadata is null)
            {
                continue;
            }

            if (byId.TryGetValue(metadata.Id, out var first))
            {
                invalid = true;
                diagnostics.Add(DiagnosticCatalog.PolicyIdDuplicate.Create(
                    SourceSpan.StartOf(source.Path),
                    $"The policy id '{metadata.Id}' is already taken by {first.Path}; this policy does not run. Disable the other one in mesh.yaml and rename this one.",
                    metadata.Id));
                continue;
            }

            byId[metadata.Id] = source;
            declared.Add((source, metadata));
        }

        var before = diagnostics.Count;
        var settings = PolicyConfigurationReader.Read(load.Manifest?.Policies, declared.ToDictionary(d => d.Metadata.Id, d => d.Metadata), diagnostics);
        invalid |= diagnostics.Count > before;
        var policies = declared
            .Select(d => new PolicyDefinition(d.Source, d.Metadata, settings.GetValueOrDefault(d.Metadata.Id) ?? PolicySettings.Default))
            .OrderBy(p => p.Id, StringComparer.Ordinal)
            .ToList();
        return new PolicySet(policies, diagnostics) { ConfigurationInvalid = invalid };
    }

    /// <summary>The repository's policy scripts, each read within <see cref="MaxScriptBytes"/>; what cannot be read is reported.</summary>
    public static List<PolicySource> ReadScripts(IReadOnlyList<PolicyScriptFile> scripts, out IReadOnlyList<Diagnostic> errors)
    {
        var sources = new List<PolicySource>();
        var problems = new List<Diagnostic>();
        foreach (var script in scripts)
        {
            try
            {
                var info = new FileInfo(script.FullPath);
                if (info.Length == 0)
                {
                    // Also a pipe or a device, which report no length: opening a pipe would block the run.
                    problems.Add(DiagnosticCatalog.FileUnreadable.Create(SourceSpan.StartOf(script.RelativePath), "The policy script is empty, or not a regular file (a pipe or a device), so it does not run. Write the policy in it, or delete it."));
                    continue;
                }

                if (info.Length > MaxScriptBytes)
                {
                    problems.Add(DiagnosticCatalog.FileTooLarge.Create(SourceSpan.StartOf(script.RelativePath), $"The policy script is {info.Length} bytes; policies are limited to {MaxScriptBytes} bytes. Move shared code into a file loaded with #load."));
                    continue;
                }

                sources.Add(new PolicySource(script.RelativePath, File.ReadAllText(script.FullPath), BuiltIn: false, script.FolderFullPath, script.FullPath));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                problems.Add(DiagnosticCatalog.FileUnreadable.Create(SourceSpan.StartOf(script.RelativePath), $"The policy script cannot be read: {ex.Message}"));
            }
        }

        errors = problems;
        return sources;
    }
}
