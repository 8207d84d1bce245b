using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Graph;
using MeshGovernance.Model.Schemas;

namespace MeshGovernance.Model.Loading;

/// <summary>The mesh graph built from a repository, and every diagnostic found on the way.</summary>
/// <remarks>
/// A load may leave the graph to be linked when first asked for (<see cref="MeshLoader.Load(string, Yaml.YamlLimits?, FileCache?, bool, Action{RepositoryLayout}?, Predicate{RepositoryLayout}?, Action{int, LoadedFile}?)"/>'s
/// <c>linkOnDemand</c>): a check whose policies all run in the worker process has the worker link it, and takes the
/// reference findings from there (<see cref="DiagnosticsWith"/>).
/// </remarks>
public sealed record MeshLoadResult
{
    private readonly Lazy<(Mesh Mesh, IReadOnlyList<Diagnostic> Diagnostics)> _linked;
    private readonly IReadOnlyList<Diagnostic> _beforeLinking;

    /// <param name="beforeLinking">The scanner's and the files' diagnostics: all but the reference findings.</param>
    internal MeshLoadResult(IReadOnlyList<LoadedFile> files, IReadOnlyList<Diagnostic> beforeLinking, bool configurationError)
    {
        _beforeLinking = beforeLinking;
        _linked = new Lazy<(Mesh, IReadOnlyList<Diagnostic>)>(() =>
        {
            var (mesh, references) = MeshLoader.Link(files);
            return (mesh, DiagnosticsWith(references));
        });
        Files = files;
        ConfigurationError = configurationError;
    }

    /// <summary>The linked graph (linked now, when the load left it for later).</summary>
    public Mesh Mesh => _linked.Value.Mesh;

    /// <summary>Every diagnostic, the reference findings included (the graph is linked for them, when it was not).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics => _linked.Value.Diagnostics;

    public IReadOnlyList<LoadedFile> Files { get; }

    /// <summary>
    /// True when mesh.yaml is missing or cannot be read: the repository cannot be governed as configured,
    /// which the CLI reports with exit code 2.
    /// </summary>
    public bool ConfigurationError { get; }

    /// <summary>What the scanner found on disk (the policy scripts among it); null when built from files read elsewhere.</summary>
    public RepositoryLayout? Layout { get; init; }

    /// <summary>Whether the graph is built: false after a load that left it for later, until something asks for it.</summary>
    public bool Linked => _linked.IsValueCreated;

    /// <summary>mesh.yaml's settings, read from its file alone when the graph is not linked.</summary>
    public MeshManifest? Manifest => Linked
        ? Mesh.Manifest
        : Files.FirstOrDefault(f => f.File.Kind == DocumentKind.Mesh && f.Root is not null) is { Root: { } root } ? new MeshManifest(root) : null;

    public bool HasErrors => Diagnostics.Any(d => d.Level == DiagnosticLevel.Error);

    /// <summary>
    /// <see cref="Diagnostics"/> as they are with the reference findings of this mesh linked elsewhere (by the policy
    /// worker), without linking it here.
    /// </summary>
    public IReadOnlyList<Diagnostic> DiagnosticsWith(IEnumerable<Diagnostic> referenceFindings) =>
        _beforeLinking.Concat(referenceFindings).Distinct().InReportOrder();
}
