using System.Text;
using MeshGovernance.Model.Graph;
using MeshGovernance.Model.Loading;
using MeshGovernance.Testing;

namespace MeshGovernance.Model.Tests.Loading;

/// <summary>
/// A load that leaves the mesh to be linked elsewhere (the policy worker): with a warm file cache it reads no tree
/// and builds no graph, yet whatever is asked of it later is what an ordinary load gives.
/// </summary>
public sealed class LinkOnDemandTests : IDisposable
{
    private readonly string _cache = Path.Combine(Path.GetTempPath(), "meshgov-link-on-demand-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_cache))
        {
            Directory.Delete(_cache, recursive: true);
        }
    }

    private static TempMeshRepository ExampleWithFlaws()
    {
        var repo = TempMeshRepository.CopyOf(RepositoryPaths.Template);
        // A reading finding, a reference finding and a file meshgov does not read, so every kind of diagnostic is in play.
        repo.Write("teams/flawed.yaml", TempMeshRepository.ValidTeam.Replace("id: sales-team", "id: flawed-team\nid: twice", StringComparison.Ordinal));
        repo.Write("domains/orders/products/orphan.odps.yaml", "apiVersion: v1.0.0\nkind: DataProduct\nid: orphan\nstatus: active\nname: Orphan\nteam:\n  name: no-such-team\n");
        repo.Write("domains/orders/contracts/legacy.odcs.yaml", "dataContractSpecification: 1.1.0\nid: legacy\ninfo:\n  title: Legacy\n  version: 1.0.0\n");
        return repo;
    }

    [Fact]
    public void A_warm_load_linked_on_demand_reads_no_tree_and_builds_no_graph_until_asked()
    {
        using var repo = ExampleWithFlaws();
        MeshLoader.Load(repo.Root, cache: FileCache.Open(_cache));

        var load = MeshLoader.Load(repo.Root, cache: FileCache.Open(_cache), linkOnDemand: _ => true);

        Assert.False(load.Linked);
        var parsed = load.Files.Where(f => f.HasTree).ToList();
        Assert.True(parsed.Count > 30);
        Assert.All(parsed, f => Assert.True(f.TreeDeferred, f.File.RelativePath));
        Assert.False(load.ConfigurationError);
        Assert.Equal("flowmart", load.Manifest?.Name);
        Assert.True(load.Files.Single(f => f.File.Kind == MeshGovernance.Model.Schemas.DocumentKind.Mesh).TreeDeferred is false, "mesh.yaml is read for the manifest");
        Assert.False(load.Linked);
    }

    [Fact]
    public void Whatever_is_asked_of_a_load_linked_on_demand_is_what_an_ordinary_load_gives()
    {
        using var repo = ExampleWithFlaws();
        var ordinary = MeshLoader.Load(repo.Root);
        MeshLoader.Load(repo.Root, cache: FileCache.Open(_cache));

        var warm = MeshLoader.Load(repo.Root, cache: FileCache.Open(_cache), linkOnDemand: _ => true);
        var cold = MeshLoader.Load(repo.Root, cache: FileCache.Open(_cache + "-cold"), linkOnDemand: _ => true);

        try
        {
            foreach (var load in new[] { warm, cold })
            {
                // Linked elsewhere: the reference findings come from a graph built from the same files.
                var (elsewhere, references) = MeshLoader.Link(load.Files);
                Assert.NotEmpty(references);
                Assert.Equal(ordinary.Diagnostics, load.DiagnosticsWith(references));
                Assert.Equal(MeshSubjects.Of(ordinary.Mesh), MeshSubjects.Of(elsewhere), new SubjectsComparer());
                Assert.False(load.Linked);

                // Linked here when asked.
                Assert.Equal(ordinary.Diagnostics, load.Diagnostics);
                Assert.True(load.Linked);
                Assert.Equal(ordinary.Mesh.Products.Select(p => (p.Id, p.Span)), load.Mesh.Products.Select(p => (p.Id, p.Span)));
                Assert.Equal(
                    ordinary.Mesh.Contracts.SelectMany(c => c.AllElements()).Select(e => (e.Path, e.Span)),
                    load.Mesh.Contracts.SelectMany(c => c.AllElements()).Select(e => (e.Path, e.Span)));
            }

            Assert.Contains(ordinary.Diagnostics, d => d.Id == "MG1016");
            Assert.Contains(ordinary.Diagnostics, d => d.Id == "MG1007");
        }
        finally
        {
            Directory.Delete(_cache + "-cold", recursive: true);
        }
    }

    [Theory]
    [InlineData("structure")]
    [InlineData("text")]
    public void A_tree_damaged_in_the_cache_is_never_left_unread_and_its_file_is_parsed_again(string damage)
    {
        using var repo = TempMeshRepository.Valid();
        MeshLoader.Load(repo.Root, cache: FileCache.Open(_cache));
        const string damaged = "domains/sales/domain.yaml";
        var pack = Directory.GetFiles(_cache, "files-*.pack").Single();
        var bytes = File.ReadAllBytes(pack);
        // The tree's head: its magic, its file's path and its reading diagnostics (none); the root node's tag follows.
        var head = Encoding.UTF8.GetBytes("MGT3").Concat(new[] { (byte)damaged.Length }).Concat(Encoding.UTF8.GetBytes(damaged)).Append((byte)0).ToArray();
        var at = bytes.AsSpan().IndexOf(head);
        Assert.True(at > 0);
        if (damage == "structure")
        {
            bytes[at + head.Length] = 0x7F;
        }
        else
        {
            // A letter inside a text: the tree still reads, as "Salez"; only the checksum tells.
            var text = bytes.AsSpan(at).IndexOf("Sales"u8);
            Assert.True(text > 0);
            bytes[at + text + 4] = (byte)'z';
        }

        File.WriteAllBytes(pack, bytes);

        var load = MeshLoader.Load(repo.Root, cache: FileCache.Open(_cache), linkOnDemand: _ => true);
        var domain = load.Files.Single(f => f.File.RelativePath == damaged);

        Assert.False(domain.TreeDeferred);
        Assert.Equal("Sales", domain.Root?.GetString("name"));
        Assert.Equal(MeshLoader.Load(repo.Root).Diagnostics, load.Diagnostics);

        // The entry was replaced: the next load leaves the tree in the pack again.
        var healed = MeshLoader.Load(repo.Root, cache: FileCache.Open(_cache), linkOnDemand: _ => true);
        Assert.True(healed.Files.Single(f => f.File.RelativePath == damaged).TreeDeferred);
        Assert.Equal("Sales", Assert.Single(healed.Mesh.Domains).Name);
    }

    [Fact]
    public void A_load_the_caller_does_not_want_linked_elsewhere_is_linked_at_once()
    {
        using var repo = TempMeshRepository.Valid();
        MeshLoader.Load(repo.Root, cache: FileCache.Open(_cache));

        var load = MeshLoader.Load(repo.Root, cache: FileCache.Open(_cache), linkOnDemand: layout => layout.Files.Count > 1_000);

        Assert.True(load.Linked);
        Assert.DoesNotContain(load.Files, f => f.TreeDeferred);
    }

    private sealed class SubjectsComparer : IEqualityComparer<MeshSubjects>
    {
        public bool Equals(MeshSubjects? x, MeshSubjects? y) => x is not null && y is not null
            && x.MeshName == y.MeshName && x.Teams.SequenceEqual(y.Teams) && x.Domains.SequenceEqual(y.Domains)
            && x.Products.SequenceEqual(y.Products) && x.Contracts.SequenceEqual(y.Contracts);

        public int GetHashCode(MeshSubjects obj) => obj.Products.Count;
    }
}
