using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Model.Graph;

/// <summary>
/// A node of the mesh graph read from a YAML mapping. Findings attached to it carry its file and line;
/// <see cref="Source"/> gives policies the raw YAML for anything the typed properties do not cover.
/// </summary>
public abstract class MeshNode
{
    private protected MeshNode(SourceMapping source) => Source = source;

    public SourceMapping Source { get; }

    public SourceSpan Span => Source.Span;

    public string File => Span.File;

    /// <summary>The id of the product, contract, domain or team this node belongs to, for findings.</summary>
    public abstract string? SubjectId { get; }

    /// <summary>The span of one of this node's keys' values (or of the node when the key is absent).</summary>
    public SourceSpan SpanOf(string key) => Source.SpanOf(key);
}
