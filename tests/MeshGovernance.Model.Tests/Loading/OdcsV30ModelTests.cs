using MeshGovernance.Model.Loading;
using MeshGovernance.Testing;

namespace MeshGovernance.Model.Tests.Loading;

/// <summary>
/// An ODCS v3.0 contract is read into the same model as a v3.1 one, so that policies, reports and the site see
/// one shape: the team list as members, a quality rule as its v3.1 metric, an SLA's column as its element.
/// </summary>
public class OdcsV30ModelTests
{
    private const string V30Contract = """
        apiVersion: v3.0.2
        kind: DataContract
        id: sales.orders.v1
        version: 1.0.0
        status: active
        domain: sales
        team:
          - username: ann
            role: owner
            dateIn: 2024-01-01
          - username: bob
        schema:
          - name: orders
            properties:
              - name: order_id
                logicalType: string
                quality:
                  - rule: nullCheck
                    mustBe: 0
                  - rule: between
                    mustBeBetween: [1, 2]
        slaProperties:
          - property: latency
            value: 4
            unit: d
            column: orders.order_id
        """;

    [Fact]
    public void A_v3_0_contract_reads_as_the_v3_1_shape()
    {
        using var repo = TempMeshRepository.Valid().Write("domains/sales/contracts/orders.odcs.yaml", V30Contract);

        var load = MeshLoader.Load(repo.Root);

        Assert.Empty(load.Diagnostics);
        var contract = Assert.Single(load.Mesh.Contracts);
        Assert.Equal(new[] { ("ann", "owner", "2024-01-01"), ("bob", (string?)null, (string?)null) }, contract.TeamMembers.Select(m => (m.Username!, m.Role, m.DateIn)));
        Assert.Null(contract.TeamId);
        var rules = contract.AllElements().Single(e => e.Name == "order_id").Quality;
        Assert.Equal(new[] { "nullValues", "between" }, rules.Select(r => r.Metric));
        Assert.Equal("orders.order_id", Assert.Single(contract.SlaProperties).Element);
    }

    [Fact]
    public void A_v3_1_contract_lists_its_team_members_under_the_team()
    {
        using var repo = TempMeshRepository.Valid().Write("domains/sales/contracts/orders.odcs.yaml",
            TempMeshRepository.ValidContract.Replace("  name: sales-team\n", "  name: sales-team\n  members:\n    - username: alice\n      name: Alice Martin\n", StringComparison.Ordinal));

        var contract = Assert.Single(MeshLoader.Load(repo.Root).Mesh.Contracts);

        Assert.Equal(("alice", "Alice Martin"), (contract.TeamMembers.Single().Username, contract.TeamMembers.Single().Name));
        Assert.Equal("sales-team", contract.TeamId);
    }
}
