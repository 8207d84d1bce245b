using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Model.Graph;

/// <summary>
/// The mesh graph: teams own domains; domains hold products and contracts; products' output ports
/// deliver contracts and their input ports consume them (the consumer edges across domains).
/// </summary>
public sealed class Mesh
{
    private readonly Dictionary<string, Team> _teams;
    private readonly Dictionary<string, Domain> _domains;
    private readonly Dictionary<string, DataProduct> _products;
    private readonly Dictionary<string, DataContract> _contracts;

    internal Mesh(
        MeshManifest? manifest,
        IReadOnlyList<Team> teams,
        IReadOnlyList<Domain> domains,
        IReadOnlyList<DataProduct> products,
        IReadOnlyList<DataContract> contracts)
    {
        Manifest = manifest;
        Teams = teams;
        Domains = domains;
        Products = products;
        Contracts = contracts;
        // The first file wins for a duplicated id; the duplicate is reported (MG1207/MG1208).
        _teams = ByFirstId(teams, t => t.Id);
        _domains = ByFirstId(domains, d => d.Id);
        _products = ByFirstId(products, p => p.Id);
        _contracts = ByFirstId(contracts, c => c.Id);
    }

    public MeshManifest? Manifest { get; }

    public IReadOnlyList<Team> Teams { get; }

    public IReadOnlyList<Domain> Domains { get; }

    public IReadOnlyList<DataProduct> Products { get; }

    public IReadOnlyList<DataContract> Contracts { get; }

    /// <summary>Every input port whose contract resolved: consumer product → contract.</summary>
    public IReadOnlyList<ConsumerEdge> ConsumerEdges { get; internal set; } = [];

    public Team? FindTeam(string? id) => id is null ? null : _teams.GetValueOrDefault(id);

    public Domain? FindDomain(string? id) => id is null ? null : _domains.GetValueOrDefault(id);

    /// <summary>The team a product's or contract's <c>team.name</c> names: its id, or its name or id spelled another way (see <see cref="WrittenName"/>).</summary>
    public Team? ResolveTeam(string? written, out IReadOnlyList<Team> candidates) =>
        WrittenName.Resolve(written, _teams, Teams, t => t.Id, t => t.Name, out candidates);

    /// <summary>The domain a product's or contract's <c>domain</c> names: its id, or its name or id spelled another way.</summary>
    public Domain? ResolveDomain(string? written, out IReadOnlyList<Domain> candidates) =>
        WrittenName.Resolve(written, _domains, Domains, d => d.Id, d => d.Name, out candidates);

    public DataProduct? FindProduct(string? id) => id is null ? null : _products.GetValueOrDefault(id);

    public DataContract? FindContract(string? id) => id is null ? null : _contracts.GetValueOrDefault(id);

    private static Dictionary<string, T> ByFirstId<T>(IEnumerable<T> items, Func<T, string> id)
    {
        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            map.TryAdd(id(item), item);
        }

        return map;
    }
}

/// <summary>A product consuming a contract through one of its input ports.</summary>
/// <param name="Providers">The products whose output ports deliver the contract.</param>
public sealed record ConsumerEdge(DataProduct Consumer, InputPort Port, DataContract Contract, IReadOnlyList<DataProduct> Providers)
{
    public bool CrossesDomains => Contract.Domain is { } provider && Consumer.Domain is { } consumer && !ReferenceEquals(provider, consumer);
}

/// <summary>mesh.yaml: the mesh's name and the governance group.</summary>
public sealed class MeshManifest : MeshNode
{
    internal MeshManifest(SourceMapping source) : base(source)
    {
        Name = source.GetString("name") ?? string.Empty;
        Title = source.GetString("title");
        Description = source.GetString("description");
        GovernanceTeamId = source.GetMapping("governance")?.GetString("team");
        Policies = source.GetMapping("policies");
    }

    public string Name { get; }

    public string? Title { get; }

    public string? Description { get; }

    public string? GovernanceTeamId { get; }

    /// <summary>The raw <c>policies:</c> section, read by the policy engine.</summary>
    public SourceMapping? Policies { get; }

    public override string? SubjectId => Name;
}
