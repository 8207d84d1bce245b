using MeshGovernance.Model.Loading;
using MeshGovernance.Testing;

namespace MeshGovernance.Model.Tests.Loading;

public sealed class FileCacheTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "meshgov-validation-cache-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void A_second_load_reuses_the_results_of_unchanged_files_and_reports_the_same()
    {
        using var repo = TempMeshRepository.Valid()
            .Write("teams/broken.yaml", "apiVersion: meshgov/v1\nkind: Team\nid: broken\nid: twice\nnmae: \"tab\\there, newline\\nthere, backslash \\\\ \"\n");
        var uncached = MeshLoader.Load(repo.Root);

        var first = FileCache.Open(_folder);
        var cold = MeshLoader.Load(repo.Root, cache: first);
        var second = FileCache.Open(_folder);
        var warm = MeshLoader.Load(repo.Root, cache: second);

        Assert.Equal((0, 7), (first.Hits, first.Misses));
        Assert.Equal((7, 0), (second.Hits, second.Misses));
        Assert.NotEmpty(uncached.Diagnostics);
        Assert.Equal(uncached.Diagnostics, cold.Diagnostics);
        Assert.Equal(uncached.Diagnostics, warm.Diagnostics);
        Assert.Contains(warm.Diagnostics, d => d.Id == "MG1007");
        Assert.Equal(uncached.Mesh.Contracts.Single().AllElements().Select(e => (e.Path, e.Span)), warm.Mesh.Contracts.Single().AllElements().Select(e => (e.Path, e.Span)));
    }

    [Fact]
    public void A_changed_file_is_validated_again()
    {
        using var repo = TempMeshRepository.Valid();
        MeshLoader.Load(repo.Root, cache: FileCache.Open(_folder));
        repo.Write("domains/sales/domain.yaml", TempMeshRepository.ValidDomain.Replace("source-aligned", "sauce-aligned", StringComparison.Ordinal));

        var cache = FileCache.Open(_folder);
        var result = MeshLoader.Load(repo.Root, cache: cache);

        Assert.Equal((5, 1), (cache.Hits, cache.Misses));
        Assert.Contains(result.Diagnostics, d => d.File == "domains/sales/domain.yaml" && d.Message.Contains("sauce-aligned", StringComparison.Ordinal));
    }

    [Fact]
    public void A_corrupt_index_is_ignored()
    {
        Directory.CreateDirectory(_folder);
        using var repo = TempMeshRepository.Valid();
        MeshLoader.Load(repo.Root, cache: FileCache.Open(_folder));
        foreach (var index in Directory.GetFiles(_folder))
        {
            File.WriteAllText(index, "garbage\tnot-a-number\n");
        }

        var cache = FileCache.Open(_folder);
        var result = MeshLoader.Load(repo.Root, cache: cache);

        Assert.Equal(0, cache.Hits);
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void The_cache_is_one_pack_file_rewritten_only_when_a_run_adds_to_it()
    {
        using var repo = TempMeshRepository.Valid();
        MeshLoader.Load(repo.Root, cache: FileCache.Open(_folder));
        var pack = Assert.Single(Directory.GetFiles(_folder));
        var written = File.ReadAllBytes(pack);
        File.SetLastWriteTimeUtc(pack, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        MeshLoader.Load(repo.Root, cache: FileCache.Open(_folder));
        Assert.Equal(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), File.GetLastWriteTimeUtc(pack));

        repo.Write("teams/extra.yaml", TempMeshRepository.ValidTeam.Replace("id: sales-team", "id: extra-team", StringComparison.Ordinal));
        var cache = FileCache.Open(_folder);
        MeshLoader.Load(repo.Root, cache: cache);
        Assert.Equal((6, 1), (cache.Hits, cache.Misses));
        Assert.Equal(pack, Assert.Single(Directory.GetFiles(_folder)));
        Assert.True(new FileInfo(pack).Length > written.Length);
    }

    [Fact]
    public void A_pack_replaced_by_another_run_leaves_the_one_already_open_whole()
    {
        using var repo = TempMeshRepository.Valid();
        var uncached = MeshLoader.Load(repo.Root);
        MeshLoader.Load(repo.Root, cache: FileCache.Open(_folder));
        var open = FileCache.Open(_folder);
        var pack = Assert.Single(Directory.GetFiles(_folder));
        var before = File.ReadAllBytes(pack);

        repo.Write("teams/extra.yaml", TempMeshRepository.ValidTeam.Replace("id: sales-team", "id: extra-team", StringComparison.Ordinal));
        MeshLoader.Load(repo.Root, cache: FileCache.Open(_folder));
        Assert.NotEqual(before, File.ReadAllBytes(pack));
        File.Delete(Path.Combine(repo.Root, "teams/extra.yaml"));
        var result = MeshLoader.Load(repo.Root, cache: open);

        Assert.Equal((6, 0), (open.Hits, open.Misses));
        Assert.Equal(uncached.Diagnostics, result.Diagnostics);
        Assert.Equal(uncached.Mesh.Contracts.Single().AllElements().Select(e => (e.Path, e.Span)), result.Mesh.Contracts.Single().AllElements().Select(e => (e.Path, e.Span)));
    }

    [Fact]
    public void A_pack_cut_short_anywhere_or_with_a_byte_changed_is_read_as_empty_or_as_whole_trees_never_as_a_crash()
    {
        using var repo = TempMeshRepository.Valid();
        var uncached = MeshLoader.Load(repo.Root);
        MeshLoader.Load(repo.Root, cache: FileCache.Open(_folder));
        var pack = Assert.Single(Directory.GetFiles(_folder));
        var bytes = File.ReadAllBytes(pack);

        for (var length = 0; length < bytes.Length; length += Math.Max(1, bytes.Length / 97))
        {
            File.WriteAllBytes(pack, bytes[..length]);
            var cache = FileCache.Open(_folder);
            var result = MeshLoader.Load(repo.Root, cache: cache);
            Assert.Equal(0, cache.Hits);
            Assert.Equal(uncached.Diagnostics, result.Diagnostics);
        }

        for (var position = 4; position < bytes.Length; position += Math.Max(1, bytes.Length / 61))
        {
            var damaged = (byte[])bytes.Clone();
            damaged[position] ^= 0x5A;
            File.WriteAllBytes(pack, damaged);
            var result = MeshLoader.Load(repo.Root, cache: FileCache.Open(_folder));
            Assert.Equal(uncached.Files.Count, result.Files.Count);
        }
    }
}
