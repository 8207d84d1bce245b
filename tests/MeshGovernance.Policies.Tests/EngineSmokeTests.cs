using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Testing;

namespace MeshGovernance.Policies.Tests;

public sealed class EngineSmokeTests
{
    [Fact]
    public void A_policy_reports_a_finding_at_the_node_it_names()
    {
        using var repo = TempMeshRepository.Valid();
        var result = PolicyHarness.Check(repo, null, ("contract-named", PolicyHarness.Script("contract-named", """
            foreach (var contract in Mesh.Contracts)
                Fail(contract, "name", $"Contract '{contract.Id}' is named '{contract.Name}'.");
            """)));

        Assert.True(result.Diagnostics.Any(d => d.Id == "contract-named"), string.Join("\n", result.Diagnostics));
        var finding = Assert.Single(result.Diagnostics, d => d.Id == "contract-named");
        Assert.Equal(DiagnosticLevel.Error, finding.Level);
        Assert.Equal("domains/sales/contracts/orders.odcs.yaml", finding.File);
        Assert.Equal(4, finding.Line);
        Assert.Equal("sales.orders.v1", finding.Subject);
        Assert.True(finding.Blocking);
        Assert.True(result.Blocking);
    }
}
