using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Graph;
using MeshGovernance.Model.Loading;
using MeshGovernance.Results;

namespace MeshGovernance.Site;

/// <summary>
/// Everything the pages show, computed once: the mesh, the last check's findings by subject, each policy's
/// results, waivers, lineage and scorecards, and what git history says when it is available.
/// </summary>
public sealed class SiteContext
{
    private readonly Dictionary<string, List<Diagnostic>> _findingsBySubject;
    private readonly Dictionary<string, List<DataProduct>> _consumersOfContract;
    private readonly Dictionary<string, List<DataProduct>> _providersOfContract;

    public SiteContext(MeshLoadResult load, CheckResult check, DateOnly today, MeshHistory? history = null, IReadOnlyList<TrendPoint>? trend = null)
    {
        Trend = trend ?? [];
        Load = load;
        Mesh = load.Mesh;
        Check = check;
        Today = today;
        History = history ?? MeshHistory.None;
        _findingsBySubject = check.Diagnostics
            .Where(d => d.Subject is not null)
            .GroupBy(d => d.Subject!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        // A mesh may hold two contracts with one id (the validator reports it): the first is the one the graph links.
        _consumersOfContract = new Dictionary<string, List<DataProduct>>(StringComparer.Ordinal);
        _providersOfContract = new Dictionary<string, List<DataProduct>>(StringComparer.Ordinal);
        foreach (var contract in Mesh.Contracts)
        {
            _consumersOfContract.TryAdd(contract.Id, contract.Consumers.Select(p => p.Product).DistinctBy(p => p.Id).OrderBy(p => p.Id, StringComparer.Ordinal).ToList());
            _providersOfContract.TryAdd(contract.Id, contract.Providers.Select(p => p.Product).DistinctBy(p => p.Id).OrderBy(p => p.Id, StringComparer.Ordinal).ToList());
        }

        Waivers = check.Waivers;
        Results = PolicyResults.From(check, Mesh);
        Versions = new ContractVersions(Mesh);
    }

    public MeshLoadResult Load { get; }

    public Mesh Mesh { get; }

    public CheckResult Check { get; }

    public DateOnly Today { get; }

    public MeshHistory History { get; }

    /// <summary>The check at each of the newest commits of the mesh, oldest first; empty without history.</summary>
    public IReadOnlyList<TrendPoint> Trend { get; }

    /// <summary>The waivers as the check applied them (not read again here, so the page and the reports agree).</summary>
    public IReadOnlyList<WaiverOutcome> Waivers { get; }

    public PolicyResults Results { get; }

    /// <summary>Which contracts are versions of one contract and which replaces which (the rule is on <see cref="ContractVersions"/>).</summary>
    public ContractVersions Versions { get; }

    public string Title => Mesh.Manifest?.Title ?? Mesh.Manifest?.Name ?? "Data mesh";

    /// <summary>Findings about a subject (a product, contract, domain or team id), most severe first.</summary>
    public IReadOnlyList<Diagnostic> FindingsFor(string? subject) =>
        subject is not null && _findingsBySubject.TryGetValue(subject, out var list)
            ? list.OrderByDescending(d => d.Level).ThenBy(d => d.Line).ToList()
            : [];

    public IReadOnlyList<DataProduct> ConsumersOf(DataContract contract) => _consumersOfContract.GetValueOrDefault(contract.Id) ?? [];

    public IReadOnlyList<DataProduct> ProvidersOf(DataContract contract) => _providersOfContract.GetValueOrDefault(contract.Id) ?? [];

    /// <summary>Products whose contracts this product consumes.</summary>
    public IReadOnlyList<DataProduct> Upstream(DataProduct product) => product.InputPorts
        .Select(p => p.Contract).OfType<DataContract>()
        .SelectMany(ProvidersOf)
        .Where(p => p.Id != product.Id)
        .DistinctBy(p => p.Id).OrderBy(p => p.Id, StringComparer.Ordinal).ToList();

    /// <summary>Products that consume a contract this product delivers.</summary>
    public IReadOnlyList<DataProduct> Downstream(DataProduct product) => product.OutputPorts
        .Select(p => p.Contract).OfType<DataContract>()
        .SelectMany(ConsumersOf)
        .Where(p => p.Id != product.Id)
        .DistinctBy(p => p.Id).OrderBy(p => p.Id, StringComparer.Ordinal).ToList();

    /// <summary>
    /// The name of the copy of a product's or contract's YAML that the site writes beside its page, for download:
    /// <c>&lt;slug&gt;.odps.yaml</c> or <c>&lt;slug&gt;.odcs.yaml</c>, after the id as the page's folder is.
    /// </summary>
    public static string SourceFileName(DomainAsset asset) =>
        SiteUrls.Slug(asset.Id) + (asset is DataContract ? ".odcs.yaml" : ".odps.yaml");

    /// <summary>"ODCS v3.1.0 · DataContract", "ODPS v1.0.0 · DataProduct": the standard, its version and the kind, as the file declares them.</summary>
    public static string StandardOf(DomainAsset asset) => string.Join(" · ", new[]
    {
        (asset is DataContract ? "ODCS " : "ODPS ") + (asset.Source.GetString("apiVersion") ?? "(no apiVersion)"),
        asset.Source.GetString("kind"),
    }.OfType<string>());

    /// <summary>The keys of a product's or contract's <c>description</c> that its page shows in their own places.</summary>
    public static readonly IReadOnlyCollection<string> DescriptionKeys = ["purpose", "usage", "limitations", "authoritativeDefinitions", "customProperties"];

    public IEnumerable<DataProduct> ProductsOwnedBy(Team team) => Mesh.Products.Where(p => p.Team == team);

    public IEnumerable<DataContract> ContractsOwnedBy(Team team) => Mesh.Contracts.Where(c => c.Team == team);

    public IEnumerable<Domain> DomainsOwnedBy(Team team) => Mesh.Domains.Where(d => d.Owner == team);

}
