using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Loading;
using MeshGovernance.Policies.Baselines;
using MeshGovernance.Testing;

namespace MeshGovernance.Policies.Tests;

/// <summary>A recorded finding keeps its fingerprint when lines move or its message is reworded, and no longer.</summary>
public class BaselineFingerprintTests
{
    private const string ContractPath = "domains/sales/contracts/orders.odcs.yaml";

    private static (FindingFingerprint Fingerprint, MeshLoadResult Load) Load(string contract)
    {
        using var repo = TempMeshRepository.Valid().Write(ContractPath, contract);
        var load = MeshLoader.Load(repo.Root);
        return (new FindingFingerprint(load), load);
    }

    private static Diagnostic FindingAt(MeshLoadResult load, string key, string message)
    {
        var contract = load.Mesh.Contracts.Single();
        var element = contract.AllElements().Single(e => e.Name == "ordered_at");
        return new Diagnostic("pii-classified", DiagnosticLevel.Error, message, element.Source.SpanOf(key), contract.Id, new PolicyAttribution("pii-classified", Enforcement.SoftMandatory));
    }

    [Fact]
    public void Moved_lines_and_a_reworded_message_keep_the_fingerprint_another_place_does_not()
    {
        var (before, beforeLoad) = Load(TempMeshRepository.ValidContract);
        var (after, afterLoad) = Load("# Reviewed by the sales team.\n\n" + TempMeshRepository.ValidContract.Replace("status: active\n", "status: active\ntags: [sales]\n", StringComparison.Ordinal));

        var recorded = before.Of(FindingAt(beforeLoad, "logicalType", "Property 'orders.ordered_at' looks like personal data."));
        var moved = after.Of(FindingAt(afterLoad, "logicalType", "Property 'orders.ordered_at' may hold personal data; classify it."));
        var elsewhere = after.Of(FindingAt(afterLoad, "name", "Property 'orders.ordered_at' looks like personal data."));

        Assert.Equal(recorded, moved);
        Assert.NotEqual(recorded, elsewhere);
        Assert.Equal("schema[orders].properties[ordered_at].logicalType", after.PathOf(FindingAt(afterLoad, "logicalType", "m")));
    }
}
