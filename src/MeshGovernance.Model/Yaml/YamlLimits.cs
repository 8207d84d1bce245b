namespace MeshGovernance.Model.Yaml;

/// <summary>
/// Bounds on one YAML file. Mesh files are untrusted input: these keep a hostile or broken file from
/// exhausting memory, the stack or time. The defaults are far above what real contracts need
/// (the largest ODCS example in the standard's repository is about 190 KB and 12 levels deep).
/// </summary>
public sealed record YamlLimits
{
    public static YamlLimits Default { get; } = new();

    public long MaxFileBytes { get; init; } = 4 * 1024 * 1024;

    public int MaxDepth { get; init; } = 64;

    /// <summary>Size a document may stand for once every alias is expanded (see <see cref="SourceNode.ExpandedSize"/>).</summary>
    public long MaxExpandedNodes { get; init; } = 500_000;

    /// <summary>Characters in one scalar or key.</summary>
    public int MaxScalarLength { get; init; } = 64 * 1024;
}
