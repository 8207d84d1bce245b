using MeshGovernance.Policies.Compilation;
using MeshGovernance.Policies.Metadata;

namespace MeshGovernance.Policies.Tests;

/// <summary>Each version of a policy is loaded once per process: the checks of a trend or a policy test run share it.</summary>
public sealed class PolicyLoadingTests
{
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
    public void The_engine_keeps_one_provider_per_cache_folder()
    {
        Assert.Same(PolicyAssemblyProvider.SharedFor(null), PolicyAssemblyProvider.SharedFor(null));
        Assert.NotSame(PolicyAssemblyProvider.SharedFor(null), PolicyAssemblyProvider.SharedFor(new PolicyCache(Path.Combine(Path.GetTempPath(), "meshgov-loading-test"))));
    }
}
