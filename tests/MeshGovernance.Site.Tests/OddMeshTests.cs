using MeshGovernance.Testing;

namespace MeshGovernance.Site.Tests;

/// <summary>A mesh with mistakes the validator reports still gets a site: odd ids, duplicates, missing owners and names.</summary>
public sealed class OddMeshTests
{
    [Fact]
    public void Duplicate_and_odd_ids_missing_teams_and_names_build_a_site_with_working_links()
    {
        using var repo = TempMeshRepository.Valid();
        repo.Write("domains/sales/contracts/copy.odcs.yaml", TempMeshRepository.ValidContract);
        repo.Write("domains/sales/contracts/odd.odcs.yaml", TempMeshRepository.ValidContract
            .Replace("id: sales.orders.v1", "id: \"../../../escape é " + new string('x', 300) + ".\"", StringComparison.Ordinal)
            .Replace("name: Orders", "name: \"\"", StringComparison.Ordinal));
        repo.Write("domains/sales/products/orphan.odps.yaml", """
            apiVersion: v1.0.0
            kind: DataProduct
            id: sales.Orders
            status: active
            domain: sales
            inputPorts:
              - name: in
                version: 1.0.0
                contractId: nowhere.v1
            """);

        var (result, folder) = SiteBuilds.BuildWithoutPolicies(repo.Root);
        try
        {
            Assert.True(result.Succeeded, result.Error + string.Join("\n", result.BrokenLinks));
            var contracts = Directory.GetDirectories(Path.Combine(folder, "contracts")).Select(Path.GetFileName).ToList();
            Assert.Contains("sales.orders.v1", contracts);
            var odd = Assert.Single(contracts, c => c!.StartsWith('~'));
            Assert.True(odd!.Length <= 120, odd);
            // One folder name that cannot be '.', '..' or hidden: '/' and a leading '.' are escaped.
            Assert.False(odd.StartsWith('.') || odd.Contains('/'), odd);
            Assert.False(Directory.Exists(Path.Combine(Path.GetDirectoryName(folder)!, "escape")));
            var orphan = SiteBuilds.Page(folder, SiteUrls.Product("sales.Orders"));
            Assert.Contains("nowhere.v1", orphan.QuerySelector("section[aria-labelledby='ports']")!.TextContent, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
