using MeshGovernance.Policies.BuiltIn;
using MeshGovernance.Policies.Compilation;
using MeshGovernance.Policies.Metadata;
using MeshGovernance.Testing;

namespace MeshGovernance.Policies.Tests;

/// <summary>
/// The built-in pack compiled at build time (build/PolicyPackCompiler, embedded in meshgov): its entries are found
/// under the keys a check looks up, and the cache reads them only after its own folder.
/// </summary>
public sealed class PrecompiledPackTests : IDisposable
{
    private readonly TempMeshRepository _work = TempMeshRepository.Empty();

    public void Dispose() => _work.Dispose();

    [Fact]
    public void Every_built_in_policy_is_compiled_under_the_key_a_check_looks_up()
    {
        var folder = _work.PathOf("pack");

        var (compiled, problems) = BuiltInPackPrecompiler.CompileInto(folder);

        Assert.Empty(problems);
        Assert.Equal(BuiltInPolicies.Sources.Count, compiled);
        Assert.Equal(compiled, Directory.GetFiles(folder, "*.dll").Length);
        var pack = PrecompiledPolicies.From(key => File.Exists(Path.Combine(folder, key + ".dll")) ? File.ReadAllBytes(Path.Combine(folder, key + ".dll")) : null);
        var provider = new PolicyAssemblyProvider(new PolicyCache(_work.PathOf("empty-cache"), pack));
        foreach (var source in BuiltInPolicies.Sources)
        {
            var policy = provider.Get(source, PolicyMetadataReader.Read(source).Metadata!.Id);
            Assert.True(policy.FromCache, source.Path);
            Assert.NotNull(policy.Entry);
        }

        Assert.False(Directory.Exists(_work.PathOf("empty-cache")), "nothing read from the pack is written again into the cache folder");
    }

    [Fact]
    public void A_damaged_precompiled_entry_is_compiled_again_into_the_cache_folder()
    {
        var source = BuiltInPolicies.Sources[0];
        var id = PolicyMetadataReader.Read(source).Metadata!.Id;
        var damaged = PrecompiledPolicies.From(_ => "not an assembly"u8.ToArray());
        var folder = _work.PathOf("cache");

        var policy = new PolicyAssemblyProvider(new PolicyCache(folder, damaged)).Get(source, id);

        Assert.False(policy.FromCache);
        Assert.NotNull(policy.Entry);
        Assert.Single(Directory.GetFiles(folder, "*.dll"));
    }

    [Fact]
    public void The_cache_folder_is_read_first_and_written_alone()
    {
        // The test project embeds one entry, as meshgov's Release build embeds the pack.
        var pack = PrecompiledPolicies.EmbeddedIn(typeof(PrecompiledPackTests).Assembly);
        var cache = new PolicyCache(_work.PathOf("cache"), pack);

        Assert.Equal("an embedded entry"u8.ToArray(), cache.TryRead("embedded-entry"));
        Assert.Null(cache.TryRead("no-such-entry"));

        cache.Write("embedded-entry", "the folder's entry"u8.ToArray());

        Assert.Equal("the folder's entry"u8.ToArray(), cache.TryRead("embedded-entry"));
        Assert.Equal("an embedded entry"u8.ToArray(), pack.TryRead("embedded-entry"));
    }
}
