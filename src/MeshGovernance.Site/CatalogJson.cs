using System.Text.Encodings.Web;
using System.Text.Json;
using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Results;

namespace MeshGovernance.Site;

/// <summary>
/// <c>catalog.json</c>: the whole mesh and the last check's results for other tools: teams, domains, products
/// (ports, lineage), contracts (schema, consumers), policies with their counts, and every diagnostic.
/// </summary>
public static class CatalogJson
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false, Encoder = JavaScriptEncoder.Default };

    /// <summary>The document as UTF-8 (tens of megabytes for a large mesh: never made a string).</summary>
    public static byte[] Utf8(SiteContext context)
    {
        var mesh = context.Mesh;
        var catalog = new
        {
            formatVersion = 1,
            title = context.Title,
            teams = mesh.Teams.Select(t => new { id = t.Id, name = t.Name, members = t.Members.Select(m => m.Username), url = SiteUrls.Team(t.Id) }),
            domains = mesh.Domains.Select(d => new { id = d.Id, name = d.Name, type = d.Type, owner = d.OwnerTeamId, score = context.Results.DomainScore(d.Id)?.Score, url = SiteUrls.Domain(d.Id) }),
            products = mesh.Products.Select(p => new
            {
                id = p.Id, name = p.Name, version = p.Version, status = p.Status, domain = p.Domain?.Id, owner = p.TeamId, tags = p.Tags,
                inputPorts = p.InputPorts.Select(port => new { name = port.Name, version = port.Version, contract = port.ContractId }),
                outputPorts = p.OutputPorts.Select(port => new { name = port.Name, version = port.Version, contract = port.ContractId }),
                upstream = context.Upstream(p).Select(u => u.Id),
                downstream = context.Downstream(p).Select(u => u.Id),
                url = SiteUrls.Product(p.Id),
            }),
            contracts = mesh.Contracts.Select(c => new
            {
                id = c.Id, name = c.Name, version = c.Version, status = c.Status, domain = c.Domain?.Id, owner = c.TeamId, tags = c.Tags,
                objects = c.Objects.Select(o => new
                {
                    name = o.Name,
                    properties = o.SelfAndDescendants().Skip(1).Select(e => new { path = e.Path, logicalType = e.LogicalType, required = e.Required, primaryKey = e.PrimaryKey, classification = e.Classification }),
                }),
                consumers = context.ConsumersOf(c).Select(p => p.Id),
                url = SiteUrls.Contract(c.Id),
            }),
            policies = context.Results.Policies.Select(s => new
            {
                id = s.Policy.Metadata.Id, title = s.Policy.Metadata.Title, enforcement = s.Policy.Metadata.Enforcement.ToName(),
                enabled = s.Policy.Enabled, status = PolicyStatusNames.Name(s.Status), passed = s.Passed, failed = s.Failed, waived = s.Waived, baselined = s.Baselined,
            }),
            diagnostics = context.Check.Diagnostics.Select(d => new
            {
                id = d.Id, level = d.Level.Name(), message = d.Message, file = d.File, line = d.Line, column = d.Column,
                subject = d.Subject, policy = d.Policy?.PolicyId, waived = d.Policy?.Waived ?? false, baselined = d.Baselined,
            }),
        };
        return JsonSerializer.SerializeToUtf8Bytes(catalog, Options);
    }
}
