using MeshGovernance.Model.Graph;
using MeshGovernance.Model.Loading;
using MeshGovernance.Testing;

namespace MeshGovernance.Model.Tests.Loading;

/// <summary>
/// A product's or contract's <c>team.name</c> and <c>domain</c> as people write them (real contracts say
/// "Order Data Team", "Flight", "imdb_ds_aggregate"): the id, or the name or id spelled another way, resolves;
/// what does not is reported with advice that, followed, resolves it.
/// </summary>
public class NameResolutionTests
{
    private const string Contract = "domains/sales/contracts/orders.odcs.yaml";

    [Theory]
    [InlineData("name: Sales Team")]
    [InlineData("name: SALES_TEAM")]
    [InlineData("name: salesTeam")]
    [InlineData("name: '  sales team '")]
    public void A_team_written_as_its_name_or_another_spelling_of_its_id_is_that_team(string written)
    {
        using var repo = TempMeshRepository.Valid().Write(Contract, TempMeshRepository.ValidContract.Replace("name: sales-team", written, StringComparison.Ordinal));

        var result = MeshLoader.Load(repo.Root);

        Assert.Empty(result.Diagnostics);
        Assert.Equal("sales-team", Assert.Single(result.Mesh.Contracts).Team?.Id);
    }

    [Theory]
    [InlineData("domain: Sales")]
    [InlineData("domain: SALES")]
    [InlineData("domain: ' sales'")]
    public void A_domain_written_as_its_name_or_in_another_case_is_the_domain_of_the_folder(string written)
    {
        using var repo = TempMeshRepository.Valid().Write(Contract, TempMeshRepository.ValidContract.Replace("domain: sales", written, StringComparison.Ordinal));

        Assert.Empty(MeshLoader.Load(repo.Root).Diagnostics);
    }

    [Fact]
    public void An_unknown_team_is_reported_with_a_team_file_that_would_resolve_it()
    {
        using var repo = TempMeshRepository.Valid().Write(Contract, TempMeshRepository.ValidContract.Replace("name: sales-team", "name: Order Data Team", StringComparison.Ordinal));

        var finding = Assert.Single(MeshLoader.Load(repo.Root).Diagnostics);

        Assert.Equal(("MG1205", 9), (finding.Id, finding.Line));
        Assert.Equal(
            "The contract's team.name 'Order Data Team' is not a team of the mesh (known teams: governance, sales-team). Write the id or the name of a team in teams/, or describe the team in teams/order-data-team.yaml (id: order-data-team, name: Order Data Team).",
            finding.Message);

        // Following the advice resolves it.
        repo.Write("teams/order-data-team.yaml", "apiVersion: meshgov/v1\nkind: Team\nid: order-data-team\nname: Order Data Team\nmembers:\n  - username: olga\n");
        var fixedResult = MeshLoader.Load(repo.Root);
        Assert.Empty(fixedResult.Diagnostics);
        Assert.Equal("order-data-team", Assert.Single(fixedResult.Mesh.Contracts).Team?.Id);
    }

    [Fact]
    public void A_name_that_fits_several_teams_resolves_to_none_and_names_them()
    {
        using var repo = TempMeshRepository.Valid()
            .Write("teams/salesteam.yaml", "apiVersion: meshgov/v1\nkind: Team\nid: salesteam\nname: Field Sales\nmembers:\n  - username: sam\n")
            .Write(Contract, TempMeshRepository.ValidContract.Replace("name: sales-team", "name: Sales Team", StringComparison.Ordinal));

        var result = MeshLoader.Load(repo.Root);

        var finding = Assert.Single(result.Diagnostics);
        Assert.Equal("MG1205", finding.Id);
        Assert.Equal("The contract's team.name 'Sales Team' could be any of the teams 'sales-team' (Sales Team), 'salesteam' (Field Sales); write the id of one.", finding.Message);
        Assert.Null(Assert.Single(result.Mesh.Contracts).Team);
    }

    [Fact]
    public void An_exact_id_wins_over_another_teams_spelling()
    {
        using var repo = TempMeshRepository.Valid()
            .Write("teams/salesteam.yaml", "apiVersion: meshgov/v1\nkind: Team\nid: salesteam\nname: Field Sales\nmembers:\n  - username: sam\n");

        var result = MeshLoader.Load(repo.Root);

        Assert.Empty(result.Diagnostics);
        Assert.Equal("sales-team", Assert.Single(result.Mesh.Contracts).Team?.Id);
    }

    [Fact]
    public void A_domain_name_the_folder_does_not_carry_is_reported_with_advice_that_resolves_it()
    {
        using var repo = TempMeshRepository.Valid().Write(Contract, TempMeshRepository.ValidContract.Replace("domain: sales", "domain: Flight", StringComparison.Ordinal));

        var finding = Assert.Single(MeshLoader.Load(repo.Root).Diagnostics);

        Assert.Equal(("MG1209", 7), (finding.Id, finding.Line));
        Assert.Equal(
            "This contract says domain 'Flight' but sits in 'domains/sales', the domain 'sales' (Sales); set domain: sales, or, if 'Flight' is what the domain is called, write it as the domain's name in domains/sales/domain.yaml (name: Flight).",
            finding.Message);

        repo.Write("domains/sales/domain.yaml", TempMeshRepository.ValidDomain.Replace("name: Sales", "name: Flight", StringComparison.Ordinal));
        Assert.Empty(MeshLoader.Load(repo.Root).Diagnostics);
    }

    [Fact]
    public void A_domain_that_is_another_folders_says_where_the_file_belongs()
    {
        using var repo = TempMeshRepository.Valid()
            .Write("domains/finance/domain.yaml", "apiVersion: meshgov/v1\nkind: Domain\nid: finance\nname: Corporate Finance\ntype: aggregate\nowner: sales-team\n")
            .Write(Contract, TempMeshRepository.ValidContract.Replace("domain: sales", "domain: corporate_finance", StringComparison.Ordinal));

        var finding = Assert.Single(MeshLoader.Load(repo.Root).Diagnostics);

        Assert.Equal("MG1209", finding.Id);
        Assert.Equal(
            "This contract says domain 'corporate_finance', which is the domain in 'domains/finance', but it sits in 'domains/sales'; move the file to domains/finance/ or set domain: sales.",
            finding.Message);
    }

    [Theory]
    [InlineData("Order Data Team", "order-data-team")]
    [InlineData("imdb_ds_aggregate", "imdb-ds-aggregate")]
    [InlineData("  Ünïcode & Co. ", "n-code-co")]
    [InlineData("***", "team")]
    public void A_suggested_id_is_one_a_team_file_may_have(string written, string expected)
    {
        var id = WrittenName.SuggestedId(written);

        Assert.Equal(expected, id);
        Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", id);
    }
}
