using MeshGovernance.Model.Migration;

namespace MeshGovernance.Model.Tests.Migration;

/// <summary>What is migrated, what is refused, and the refusals say why and where.</summary>
public sealed class ContractMigratorTests
{
    [Theory]
    [InlineData("apiVersion: v3.0.2\nteam:\n\t- username: a\n", "MG1001", 3)]
    [InlineData("- a\n- b\n", "MG1010", 1)]
    [InlineData("id: a\nid: b\napiVersion: v3.0.2\n", "MG1007", 2)]
    [InlineData("apiVersion: v9.9.9\nkind: DataContract\nid: c\n", "MG1016", 1)]
    [InlineData("apiVersion: v3.2.0\nkind: DataContract\nid: c\n", "MG1016", 1)]
    [InlineData("apiVersion: v2.2.2\nkind: DataContract\nid: c\n", "MG1016", 1)]
    [InlineData("standardVersion: 2.2.1\nuuid: x\n", "MG1016", 1)]
    [InlineData("apiVersion: v1.0.0\nkind: DataProduct\nid: p\n", "MG1016", 2)]
    [InlineData("dataContractSpecification: 2.0.0\nid: c\n", "MG1016", 1)]
    [InlineData("dataProductSpecification: 0.0.1\nid: p\n", "MG1016", 1)]
    [InlineData("name: just a mapping\n", "MG1016", 1)]
    public void What_cannot_be_migrated_is_refused_with_a_located_reason(string text, string id, int line)
    {
        var result = ContractMigrator.Migrate(text, "domains/d/contracts/c.odcs.yaml");

        Assert.Equal(MigrationOutcome.Refused, result.Outcome);
        Assert.Null(result.Text);
        Assert.Equal((id, "domains/d/contracts/c.odcs.yaml", line), (result.Error!.Id, result.Error.File, result.Error.Line));
        Assert.True(result.Error.Column >= 1);
    }

    [Fact]
    public void An_unknown_version_names_the_versions_that_are_migrated()
    {
        var error = ContractMigrator.Migrate("apiVersion: v9.9.9\nkind: DataContract\n", "c.odcs.yaml").Error!;

        Assert.Equal((1, 13), (error.Line, error.Column));
        Assert.Contains("'v9.9.9' is not an ODCS version meshgov migrates", error.Message, StringComparison.Ordinal);
        Assert.Contains("v3.0.0, v3.0.1, v3.0.2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_v3_1_0_contract_is_already_current_and_unchanged()
    {
        const string text = "apiVersion: v3.1.0 # current\nkind: DataContract\nid: c\nversion: 1.0.0\nstatus: active\n";

        var result = ContractMigrator.Migrate(text, "c.odcs.yaml");

        Assert.Equal((MigrationOutcome.AlreadyCurrent, text), (result.Outcome, result.Text));
        Assert.Equal("c.odcs.yaml:1:13", Assert.Single(result.Notes).Location);
    }

    [Theory]
    [InlineData("domains/sales/contracts/orders.odcs.yaml", null, null)]
    [InlineData("domains/sales/contracts/orders.odcs.yml", null, null)]
    [InlineData("domains/sales/contracts/orders.datacontract.yaml", null, "domains/sales/contracts/orders.odcs.yaml")]
    [InlineData("domains/sales/contracts/datacontract.yaml", "sales-orders", "domains/sales/contracts/sales-orders.odcs.yaml")]
    [InlineData("domains/sales/products/orders.yaml", null, "domains/sales/contracts/orders.odcs.yaml")]
    [InlineData("contracts/orders.yaml", null, "domains/<domain>/contracts/orders.odcs.yaml")]
    public void A_file_named_otherwise_than_the_mesh_reads_contracts_gets_a_suggested_name(string path, string? id, string? expected) =>
        Assert.Equal(expected, ContractMigrator.SuggestedPath(path, id));
}
