using MeshGovernance.Model.Graph;
using MeshGovernance.Model.Schemas;

namespace MeshGovernance.Model.Loading;

/// <summary>
/// Builds the mesh graph from the files that parsed, tolerating schema violations (absent or
/// ill-typed fields read as null), and links it: owners, domains, ports to contracts, consumer edges.
/// </summary>
internal static class MeshGraphBuilder
{
    public static Mesh Build(IReadOnlyList<LoadedFile> files)
    {
        if (files.Any(f => f.TreeDeferred))
        {
            // Trees left in the file cache are read now, on all cores when there are many, not one by one below.
            OrderedWork.Select(files, f => f.Root);
        }

        var parsed = files.Where(f => f.Root is not null).ToList();
        var manifest = parsed.Where(f => f.File.Kind == DocumentKind.Mesh).Select(f => new MeshManifest(f.Root!)).FirstOrDefault();
        var teams = parsed.Where(f => f.File.Kind == DocumentKind.Team).Select(f => new Team(f.Root!, f.File.Stem)).ToList();
        var domains = parsed.Where(f => f.File.Kind == DocumentKind.Domain).Select(f => new Domain(f.Root!, f.File.DomainFolder!)).ToList();
        // Products and contracts are most of a large mesh, and each is read from its own tree alone: on all cores when there are many.
        var products = OrderedWork.Select(parsed.Where(f => f.File.Kind == DocumentKind.Product).ToList(), f => new DataProduct(f.Root!, f.File.DomainFolder!));
        var contracts = OrderedWork.Select(parsed.Where(f => f.File.Kind == DocumentKind.Contract).ToList(), f => new DataContract(f.Root!, f.File.DomainFolder!));
        var mesh = new Mesh(manifest, teams.AsReadOnly(), domains.AsReadOnly(), products.AsReadOnly(), contracts.AsReadOnly());

        var domainsByFolder = domains.GroupBy(d => d.Folder).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var productsByFolder = products.ToLookup(p => p.DomainFolder, StringComparer.Ordinal);
        var contractsByFolder = contracts.ToLookup(c => c.DomainFolder, StringComparer.Ordinal);
        foreach (var domain in domains)
        {
            domain.Owner = mesh.FindTeam(domain.OwnerTeamId);
            domain.Products = ReadOnly.List(productsByFolder[domain.Folder]);
            domain.Contracts = ReadOnly.List(contractsByFolder[domain.Folder]);
        }

        foreach (var asset in products.Concat<DomainAsset>(contracts))
        {
            asset.Domain = domainsByFolder.GetValueOrDefault(asset.DomainFolder);
            asset.Team = mesh.ResolveTeam(asset.TeamId, out _);
        }

        foreach (var product in products)
        {
            foreach (var port in product.OutputPorts)
            {
                port.Contract = mesh.FindContract(port.ContractId);
            }

            foreach (var port in product.InputPorts)
            {
                port.Contract = mesh.FindContract(port.ContractId);
            }
        }

        var outputPorts = products.SelectMany(p => p.OutputPorts).Where(p => p.Contract is not null).ToLookup(p => p.Contract!);
        var inputPorts = products.SelectMany(p => p.InputPorts).Where(p => p.Contract is not null).ToLookup(p => p.Contract!);
        foreach (var contract in contracts)
        {
            contract.Providers = ReadOnly.List(outputPorts[contract]);
            contract.Consumers = ReadOnly.List(inputPorts[contract]);
        }

        mesh.ConsumerEdges = products
            .SelectMany(p => p.InputPorts)
            .Where(port => port.Contract is not null)
            .Select(port => new ConsumerEdge(port.Product, port, port.Contract!, ReadOnly.List(port.Contract!.Providers.Select(o => o.Product).Distinct())))
            .ToList()
            .AsReadOnly();
        return mesh;
    }
}
