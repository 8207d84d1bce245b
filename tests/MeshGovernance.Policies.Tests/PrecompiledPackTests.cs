using System.Runtime.Loader;
using MeshGovernance.Policies.BuiltIn;
using MeshGovernance.Policies.Compilation;
using MeshGovernance.Policies.Metadata;
using MeshGovernance.Testing;

namespace MeshGovernance.Policies.Tests;

/// <summary>
/// The built-in pack compiled at build time (build/PolicyPackCompiler, embedded in meshgov and shipped as its
/// assemblies): its entries are found under the keys a check looks up, its assemblies by the names a check asks for
/// before anything else, and the embedded copies only after the cache's own folder.
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
        AssertEveryBuiltInPolicyLoadsWithoutCompiling(provider);

        Assert.False(Directory.Exists(_work.PathOf("empty-cache")), "nothing read from the pack is written again into the cache folder");
    }

    [Fact]
    public void The_pack_is_loaded_by_the_names_its_assemblies_ship_under_before_any_bytes_are_read()
    {
        var folder = _work.PathOf("pack");
        var (compiled, _) = BuiltInPackPrecompiler.CompileInto(folder);
        var shipped = Directory.GetFiles(Path.Combine(folder, BuiltInPackPrecompiler.AssembliesFolder), "*.dll");
        Assert.Equal(compiled, shipped.Length);
        // meshgov loads them by name from its own dependencies; a load context of the test's own stands in for those.
        var context = new AssemblyLoadContext("shipped-pack");
        var asked = new List<string>();
        var bytesRead = 0;
        var pack = PrecompiledPolicies.From(
            _ =>
            {
                bytesRead++;
                return null;
            },
            name =>
            {
                asked.Add(name);
                var path = Path.Combine(folder, BuiltInPackPrecompiler.AssembliesFolder, name + ".dll");
                return File.Exists(path) ? context.LoadFromAssemblyPath(path) : throw new FileNotFoundException(name);
            });
        var provider = new PolicyAssemblyProvider(new PolicyCache(_work.PathOf("empty-cache"), pack));

        AssertEveryBuiltInPolicyLoadsWithoutCompiling(provider);

        Assert.Equal(0, bytesRead);
        Assert.Equal(shipped.Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal), asked.Order(StringComparer.Ordinal));
        Assert.All(context.Assemblies, a => Assert.StartsWith(Path.Combine(folder, BuiltInPackPrecompiler.AssembliesFolder), a.Location, StringComparison.Ordinal));
    }

    [Fact]
    public void Without_its_pack_assemblies_meshgov_asks_for_one_once_and_reads_the_embedded_copies()
    {
        var folder = _work.PathOf("pack");
        BuiltInPackPrecompiler.CompileInto(folder);
        var asked = 0;
        var pack = PrecompiledPolicies.From(
            key => File.Exists(Path.Combine(folder, key + ".dll")) ? File.ReadAllBytes(Path.Combine(folder, key + ".dll")) : null,
            name =>
            {
                asked++;
                throw new FileNotFoundException(name);
            });
        var provider = new PolicyAssemblyProvider(new PolicyCache(_work.PathOf("empty-cache"), pack));

        AssertEveryBuiltInPolicyLoadsWithoutCompiling(provider);

        Assert.Equal(1, asked);
    }

    [Fact]
    public void Meshgov_looks_an_assembly_up_by_name_only_for_a_key_its_pack_holds()
    {
        // The test project embeds one entry, as meshgov's Release build embeds the pack; a framework assembly stands in
        // for a pack assembly the runtime can find.
        var known = typeof(System.Text.RegularExpressions.Regex).Assembly.GetName().Name!;

        Assert.Null(PrecompiledPolicies.EmbeddedIn(typeof(PrecompiledPackTests).Assembly).TryLoadInstalled("no-such-entry", known));
        Assert.Equal(known, PrecompiledPolicies.EmbeddedIn(typeof(PrecompiledPackTests).Assembly).TryLoadInstalled("embedded-entry", known)?.GetName().Name);
        Assert.Null(PrecompiledPolicies.EmbeddedIn(typeof(PrecompiledPackTests).Assembly).TryLoadInstalled("embedded-entry", "meshgov-policy-not-shipped-0000000000000000"));
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

    private static void AssertEveryBuiltInPolicyLoadsWithoutCompiling(PolicyAssemblyProvider provider)
    {
        foreach (var source in BuiltInPolicies.Sources)
        {
            var policy = provider.Get(source, PolicyMetadataReader.Read(source).Metadata!.Id);
            Assert.True(policy.FromCache, source.Path);
            Assert.NotNull(policy.Entry);
        }
    }
}
