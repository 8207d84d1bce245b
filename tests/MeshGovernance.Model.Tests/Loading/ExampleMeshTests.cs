using MeshGovernance.Model.Loading;
using MeshGovernance.Testing;

namespace MeshGovernance.Model.Tests.Loading;

/// <summary>The bundled example mesh is what newcomers learn from: it must stay clean, realistic and complete.</summary>
public class ExampleMeshTests
{
    private static readonly MeshLoadResult Example = MeshLoader.Load(RepositoryPaths.Template);

    [Fact]
    public void Validates_cleanly()
    {
        Assert.Empty(Example.Diagnostics);
        Assert.False(Example.ConfigurationError);
    }

    [Fact]
    public void Has_the_size_and_variety_of_a_real_mesh()
    {
        var mesh = Example.Mesh;

        Assert.True(mesh.Domains.Count >= 4, $"{mesh.Domains.Count} domains");
        Assert.True(mesh.Teams.Count >= 4, $"{mesh.Teams.Count} teams");
        Assert.True(mesh.Products.Count >= 10, $"{mesh.Products.Count} products");
        Assert.True(mesh.Contracts.Count >= 12, $"{mesh.Contracts.Count} contracts");
        Assert.Equal(new[] { "aggregate", "consumer-aligned", "source-aligned" }, mesh.Domains.Select(d => d.Type).Distinct().Order());
        Assert.All(mesh.Domains, d => Assert.NotNull(d.Owner));
        Assert.All(mesh.Products, p => Assert.NotNull(p.Team));
        Assert.All(mesh.Contracts, c => Assert.NotNull(c.Team));
    }

    [Fact]
    public void Has_consumer_edges_across_domains_into_every_aggregate_and_consumer_aligned_domain()
    {
        var mesh = Example.Mesh;
        var crossing = mesh.ConsumerEdges.Where(e => e.CrossesDomains).ToList();

        Assert.True(crossing.Count >= 5, $"{crossing.Count} cross-domain edges");
        Assert.All(mesh.Domains.Where(d => d.Type != "source-aligned"), domain =>
            Assert.Contains(crossing, e => e.Consumer.Domain == domain));
        Assert.All(crossing, e => Assert.NotEmpty(e.Providers));
    }

    [Fact]
    public void Contracts_show_nested_objects_arrays_classifications_pii_quality_slas_and_servers()
    {
        var contracts = Example.Mesh.Contracts;
        var elements = contracts.SelectMany(c => c.AllElements()).ToList();

        Assert.Contains(elements, e => !e.IsObject && e.LogicalType == "object" && e.Properties.Count > 0);
        Assert.Contains(elements, e => e.LogicalType == "array" && e.Items is not null);
        Assert.Contains(elements, e => e.Tags.Contains("pii") && e.Classification is "restricted" or "confidential");
        Assert.Contains(elements, e => e.CriticalDataElement);
        var rules = elements.SelectMany(e => e.Quality).ToList();
        Assert.Equal(new[] { "custom", "library", "sql" }, rules.Select(r => r.Type).Where(t => t != "text").Distinct().Order());
        Assert.All(contracts.Where(c => c.Status == "active"), c => Assert.NotEmpty(c.SlaProperties));
        Assert.True(contracts.SelectMany(c => c.Servers).Select(s => s.Type).Distinct().Count() >= 4, "several server types");
        Assert.Contains(contracts, c => c.Status == "deprecated");
    }
}
