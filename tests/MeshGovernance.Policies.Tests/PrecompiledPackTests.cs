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
public sealed class PrecompiledPackTests(PrecompiledPackTests.CompiledPack pack) : IClassFixture<PrecompiledPackTests.CompiledPack>, IDisposable
{
    private readonly TempMeshRepository _work = TempMeshRepository.Empty();

    public void Dispose() => _work.Dispose();

    [Fact]
    public void Every_built_in_policy_is_compiled_under_the_key_a_check_looks_up()
    {
        Assert.Empty(pack.Problems);
        Assert.Equal(BuiltInPolicies.Sources.Count, pack.Compiled);
        Assert.Equal(pack.Compiled, Directory.GetFiles(pack.Folder, "*.dll").Length);
        var provider = new PolicyAssemblyProvider(new PolicyCache(_work.PathOf("empty-cache"), PrecompiledPolicies.From(pack.Read)));
        AssertEveryBuiltInPolicyLoadsWithoutCompiling(provider, handKeys: false);

        Assert.False(Directory.Exists(_work.PathOf("empty-cache")), "nothing read from the pack is written again into the cache folder");
    }

    [Fact]
    public void The_pack_is_loaded_by_the_names_its_assemblies_ship_under_before_any_bytes_are_read()
    {
        var assemblies = Path.Combine(pack.Folder, BuiltInPackPrecompiler.AssembliesFolder);
        var shipped = Directory.GetFiles(assemblies, "*.dll");
        Assert.Equal(pack.Compiled, shipped.Length);
        // meshgov loads them by name from its own dependencies; a load context of the test's own stands in for those.
        var context = new AssemblyLoadContext("shipped-pack");
        var asked = new List<string>();
        var bytesRead = 0;
        var shippedPack = PrecompiledPolicies.From(
            _ =>
            {
                bytesRead++;
                return null;
            },
            name =>
            {
                asked.Add(name);
                var path = Path.Combine(assemblies, name + ".dll");
                return File.Exists(path) ? context.LoadFromAssemblyPath(path) : throw new FileNotFoundException(name);
            });
        var provider = new PolicyAssemblyProvider(new PolicyCache(_work.PathOf("empty-cache"), shippedPack));

        // With the keys handed in, as meshgov hands them to its worker.
        AssertEveryBuiltInPolicyLoadsWithoutCompiling(provider, handKeys: true);

        Assert.Equal(0, bytesRead);
        Assert.Equal(shipped.Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal), asked.Order(StringComparer.Ordinal));
        Assert.All(context.Assemblies, a => Assert.StartsWith(assemblies, a.Location, StringComparison.Ordinal));
    }

    [Fact]
    public void Without_its_pack_assemblies_meshgov_stops_asking_for_them_and_reads_the_embedded_copies()
    {
        var asked = 0;
        var embeddedOnly = PrecompiledPolicies.From(pack.Read, name =>
        {
            asked++;
            throw new FileNotFoundException(name);
        });
        var provider = new PolicyAssemblyProvider(new PolicyCache(_work.PathOf("empty-cache"), embeddedOnly));

        AssertEveryBuiltInPolicyLoadsWithoutCompiling(provider, handKeys: false);

        Assert.Equal(1, asked);
    }

    [Fact]
    public void Meshgov_looks_an_assembly_up_by_name_only_for_a_key_its_pack_holds()
    {
        // The test project embeds one entry, as meshgov's Release build embeds the pack; a framework assembly stands in
        // for a pack assembly the runtime can find.
        var known = typeof(System.Text.RegularExpressions.Regex).Assembly.GetName().Name!;
        var named = false;

        Assert.Null(PrecompiledPolicies.EmbeddedIn(typeof(PrecompiledPackTests).Assembly).TryLoadInstalled("no-such-entry", () =>
        {
            named = true;
            return known;
        }));
        Assert.False(named, "the name of a key the pack does not hold is not even worked out");
        Assert.Equal(known, PrecompiledPolicies.EmbeddedIn(typeof(PrecompiledPackTests).Assembly).TryLoadInstalled("embedded-entry", () => known)?.GetName().Name);
        Assert.Null(PrecompiledPolicies.EmbeddedIn(typeof(PrecompiledPackTests).Assembly).TryLoadInstalled("embedded-entry", () => "meshgov-policy-not-shipped-0000000000000000"));
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

    private static void AssertEveryBuiltInPolicyLoadsWithoutCompiling(PolicyAssemblyProvider provider, bool handKeys)
    {
        foreach (var source in BuiltInPolicies.Sources)
        {
            var policy = provider.Get(source, PolicyMetadataReader.Read(source).Metadata!.Id, handKeys ? PolicyAssemblyProvider.KeyOrNull(source) : null);
            Assert.True(policy.FromCache, source.Path);
            Assert.NotNull(policy.Entry);
        }
    }

    /// <summary>The built-in pack compiled once for the class, as build/PolicyPackCompiler compiles it.</summary>
    public sealed class CompiledPack : IDisposable
    {
        private readonly TempMeshRepository _work = TempMeshRepository.Empty();

        public CompiledPack()
        {
            Folder = _work.PathOf("pack");
            (Compiled, Problems) = BuiltInPackPrecompiler.CompileInto(Folder);
        }

        public string Folder { get; }

        public int Compiled { get; }

        public IReadOnlyList<Model.Diagnostics.Diagnostic> Problems { get; }

        /// <summary>An entry's bytes, as meshgov reads its embedded copies.</summary>
        public byte[]? Read(string key) => File.Exists(Path.Combine(Folder, key + ".dll")) ? File.ReadAllBytes(Path.Combine(Folder, key + ".dll")) : null;

        public void Dispose() => _work.Dispose();
    }
}
