using MeshGovernance.Policies.Compilation;
using MeshGovernance.Policies.Metadata;
using MeshGovernance.Testing;

namespace MeshGovernance.Policies.Tests;

/// <summary>Each version of a policy is loaded once per process: the checks of a trend or a policy test run share it.</summary>
public sealed class PolicyLoadingTests : IDisposable
{
    private readonly TempMeshRepository _work = TempMeshRepository.Empty();

    public void Dispose() => _work.Dispose();

    /// <summary>An empty policy cache folder of this test's own.</summary>
    private string CacheFolder() => Directory.CreateDirectory(_work.PathOf("cache")).FullName;

    private static string Policy(string message) => $$"""
        // ---
        // id: loads-once
        // title: A policy loaded once per version
        // enforcement: advisory
        // category: test
        // rationale: Shows that checks share a loaded policy.
        // ---
        foreach (var product in Mesh.Products)
            Warn(product, "{{message}}");
        """;

    [Fact]
    public void A_second_check_reuses_the_loaded_policy_and_a_changed_one_is_loaded_anew()
    {
        var provider = new PolicyAssemblyProvider(cache: null);
        var source = new PolicySource("governance/policies/loads-once.csx", Policy("first"), BuiltIn: false);

        var first = provider.Get(source, "loads-once");
        var again = provider.Get(source with { }, "loads-once");
        var changed = provider.Get(source with { Text = Policy("second") }, "loads-once");

        Assert.False(first.FromCache);
        Assert.True(again.FromCache);
        Assert.Same(first.Entry!.Method.Module.Assembly, again.Entry!.Method.Module.Assembly);
        Assert.False(changed.FromCache);
        Assert.NotSame(first.Entry.Method.Module.Assembly, changed.Entry!.Method.Module.Assembly);
    }

    [Fact]
    public void A_policy_read_ahead_from_the_cache_runs_from_memory_even_once_its_entry_is_gone()
    {
        var folder = CacheFolder();
        var source = new PolicySource("governance/policies/loads-once.csx", Policy("ahead"), BuiltIn: false);
        Assert.False(new PolicyAssemblyProvider(new PolicyCache(folder)).Get(source, "loads-once").FromCache);
        var provider = new PolicyAssemblyProvider(new PolicyCache(folder));

        Assert.True(provider.ReadAhead(source));
        Directory.Delete(folder, recursive: true);
        Assert.True(provider.ReadAhead(source), "a second read ahead finds the build in memory");
        var policy = provider.Get(source, "loads-once");

        Assert.True(policy.FromCache);
        Assert.NotNull(policy.Entry);
        Assert.False(Directory.Exists(folder), "the run neither compiled the policy again nor wrote it back");
    }

    [Fact]
    public void Reading_ahead_never_compiles_a_policy_the_cache_does_not_hold()
    {
        var folder = CacheFolder();
        var provider = new PolicyAssemblyProvider(new PolicyCache(folder));
        var source = new PolicySource("governance/policies/loads-once.csx", Policy("not cached"), BuiltIn: false);
        var broken = new PolicySource("governance/policies/broken.csx", "this is not C#", BuiltIn: false);

        Assert.False(provider.ReadAhead(source));
        Assert.False(provider.ReadAhead(broken));

        Assert.Empty(Directory.GetFiles(folder));
        Assert.False(provider.Get(source, "loads-once").FromCache);
        Assert.Single(Directory.GetFiles(folder, "*.dll"));
    }

    [Fact]
    public void Reading_ahead_a_policy_over_the_size_limit_says_its_run_will_not_compile_it()
    {
        var folder = CacheFolder();
        var provider = new PolicyAssemblyProvider(new PolicyCache(folder));
        var oversize = new PolicySource("governance/policies/huge.csx", Policy("huge") + "\n//" + new string('x', PolicyAssemblyProvider.MaxTotalChars), BuiltIn: false);

        Assert.True(provider.ReadAhead(oversize));
        var policy = provider.Get(oversize, "huge");

        Assert.Null(policy.Entry);
        Assert.Contains("limited to", Assert.Single(policy.Diagnostics).Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(folder));
    }

    [Fact]
    public void The_compiler_warm_up_compiles_its_own_policy_without_a_diagnostic()
    {
        // A cold check's worker compiles this while the mesh is read: a warm-up that no longer compiles against the
        // model would leave the compiler cold and say nothing.
        Assert.Empty(PolicyAssemblyProvider.CompileWarmUpPolicy());
    }

    [Fact]
    public void Reading_ahead_leaves_a_damaged_cache_entry_to_the_run_which_compiles_the_policy_again()
    {
        var folder = CacheFolder();
        var source = new PolicySource("governance/policies/loads-once.csx", Policy("damaged"), BuiltIn: false);
        var provider = new PolicyAssemblyProvider(new PolicyCache(folder));
        Assert.False(provider.Get(source, "loads-once").FromCache);
        var entry = Assert.Single(Directory.GetFiles(folder, "*.dll"));
        File.WriteAllText(entry, "not an assembly");
        var fresh = new PolicyAssemblyProvider(new PolicyCache(folder));

        fresh.ReadAhead(source);
        var policy = fresh.Get(source, "loads-once");

        Assert.False(policy.FromCache);
        Assert.NotNull(policy.Entry);
    }

    [Fact]
    public void A_handed_key_finds_the_build_the_cache_holds_under_it()
    {
        var folder = CacheFolder();
        var source = new PolicySource("governance/policies/loads-once.csx", Policy("handed"), BuiltIn: false);
        Assert.False(new PolicyAssemblyProvider(new PolicyCache(folder)).Get(source, "loads-once").FromCache);
        var key = PolicyAssemblyProvider.KeyOrNull(source);

        var policy = new PolicyAssemblyProvider(new PolicyCache(folder)).Get(source, "loads-once", key);

        Assert.NotNull(key);
        Assert.True(policy.FromCache);
        Assert.Equal(Path.Combine(folder, key + ".dll"), Assert.Single(Directory.GetFiles(folder, "*.dll")));
    }

    [Fact]
    public void A_handed_key_that_names_no_build_is_not_where_the_new_build_is_stored()
    {
        var folder = CacheFolder();
        var source = new PolicySource("governance/policies/loads-once.csx", Policy("stale key"), BuiltIn: false);
        var stale = new string('0', 64);

        var compiled = new PolicyAssemblyProvider(new PolicyCache(folder)).Get(source, "loads-once", stale);
        var again = new PolicyAssemblyProvider(new PolicyCache(folder)).Get(source, "loads-once");

        Assert.False(compiled.FromCache);
        Assert.NotNull(compiled.Entry);
        Assert.False(File.Exists(Path.Combine(folder, stale + ".dll")));
        Assert.True(again.FromCache, "stored under the key of the text compiled");
    }

    [Fact]
    public void The_engine_keeps_one_provider_per_cache_folder()
    {
        Assert.Same(PolicyAssemblyProvider.SharedFor(null), PolicyAssemblyProvider.SharedFor(null));
        Assert.NotSame(PolicyAssemblyProvider.SharedFor(null), PolicyAssemblyProvider.SharedFor(new PolicyCache(Path.Combine(Path.GetTempPath(), "meshgov-loading-test"))));
    }
}
