using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Policies.Baselines;

/// <summary>One recorded finding of governance/baseline.yaml.</summary>
/// <param name="Rule">The policy id of a policy finding, or the MG id of a schema or reference finding.</param>
/// <param name="At">Where in the file, by keys (<c>schema[orders].properties[email]</c>), for the reviewer.</param>
public sealed record BaselineEntry(string Fingerprint, string Rule, string? Subject, string File, string? At, string? Message, SourceMapping? Source = null)
{
    /// <summary>Reads the entries the schema accepted; entries with the wrong shape were already reported.</summary>
    public static IReadOnlyList<BaselineEntry> ReadAll(SourceMapping root) =>
        root["findings"] is SourceSequence list
            ? list.Items.OfType<SourceMapping>().Select(Read).OfType<BaselineEntry>().ToList()
            : [];

    private static BaselineEntry? Read(SourceMapping entry) =>
        entry.GetString("fingerprint") is { } fingerprint && entry.GetString("rule") is { } rule && entry.GetString("file") is { } file
            ? new BaselineEntry(fingerprint, rule, entry.GetString("subject"), file, entry.GetString("at"), entry.GetString("message"), entry)
            : null;
}
