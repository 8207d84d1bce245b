using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using MeshGovernance.Policies.Compilation;
using MeshGovernance.Policies.Metadata;

namespace MeshGovernance.Policies.Tests;

/// <summary>Compiled policies live in a load context of their provider's, and go when the provider is disposed.</summary>
public sealed class PolicyUnloadingTests
{
    private const string Policy = """
        // ---
        // id: unloads
        // title: A policy that is loaded and let go
        // enforcement: advisory
        // category: test
        // rationale: Shows that a check does not keep its policies loaded.
        // ---
        foreach (var product in Mesh.Products)
            Warn(product, "seen");
        """;

    [Fact]
    public void Disposing_the_provider_unloads_the_policies_it_loaded()
    {
        var context = LoadAndDispose(out var loadedIntoIt);

        for (var i = 0; i < 20 && context.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.True(loadedIntoIt, "the policy was not loaded into the provider's own context");
        Assert.False(context.IsAlive, "the policies' load context is still alive after the provider was disposed");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference LoadAndDispose(out bool loadedIntoIt)
    {
        var provider = new PolicyAssemblyProvider(cache: null);
        var compiled = provider.Get(new PolicySource("governance/policies/unloads.csx", Policy, BuiltIn: false), "unloads");
        Assert.NotNull(compiled.Entry);
        loadedIntoIt = AssemblyLoadContext.GetLoadContext(compiled.Entry!.Method.Module.Assembly) == provider.LoadContext
            && provider.LoadContext.IsCollectible;
        var context = new WeakReference(provider.LoadContext);
        provider.Dispose();
        return context;
    }
}
