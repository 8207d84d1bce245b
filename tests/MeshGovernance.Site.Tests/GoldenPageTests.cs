using MeshGovernance.Testing;

namespace MeshGovernance.Site.Tests;

/// <summary>
/// The rendered HTML of a few pages of the small test mesh, against golden files
/// (refresh: MESHGOV_UPDATE_GOLDEN=1 dotnet test tests/MeshGovernance.Site.Tests, then review the diff).
/// </summary>
public sealed class GoldenPageTests
{
    [Theory]
    [InlineData("domains/sales/index.html", "domain.html")]
    [InlineData("products/sales.orders/index.html", "product.html")]
    [InlineData("contracts/sales.orders.v1/index.html", "contract.html")]
    public void A_page_renders_as_its_golden_file(string page, string golden)
    {
        using var repo = TempMeshRepository.Valid();
        var (result, folder) = SiteBuilds.BuildWithoutPolicies(repo.Root);
        try
        {
            Assert.True(result.Succeeded, result.Error);
            Golden.AssertMatches($"tests/MeshGovernance.Site.Tests/golden/{golden}", File.ReadAllText(Path.Combine(folder, page)));
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
