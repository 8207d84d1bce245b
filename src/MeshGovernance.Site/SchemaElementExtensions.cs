using MeshGovernance.Model.Graph;
using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Site;

/// <summary>Fields of a schema element the typed model does not carry, read from its YAML for display.</summary>
internal static class SchemaElementExtensions
{
    public static string? PhysicalName(this SchemaElement element) => element.Source.GetString("physicalName");

    /// <summary>Up to five examples, each cut to 40 characters.</summary>
    public static IEnumerable<string> Examples(this SchemaElement element) =>
        element.Source["examples"] is SourceSequence examples
            ? examples.Items.OfType<SourceScalar>().Take(5).Select(s => s.Value.Length > 40 ? s.Value[..39] + "…" : s.Value)
            : [];
}
