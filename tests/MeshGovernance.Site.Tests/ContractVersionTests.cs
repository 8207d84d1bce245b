using MeshGovernance.Model.Loading;
using MeshGovernance.Testing;

namespace MeshGovernance.Site.Tests;

/// <summary>
/// Versions of a contract (the rule is on <see cref="ContractVersions"/>): contracts of one domain with one name,
/// ordered by version; a deprecated contract's successor is the one its replacedBy names, else its next version;
/// pages show the banner, the way back and the list of versions.
/// </summary>
public sealed class ContractVersionTests : IClassFixture<TemplatePages>
{
    private const string V1 = "contracts/orders.order-events.v1/index.html";
    private const string V2 = "contracts/orders.order-events.v2/index.html";

    private readonly TemplatePages _pages;

    public ContractVersionTests(TemplatePages pages) => _pages = pages;

    [Fact]
    public void The_deprecated_order_events_contract_links_its_successor_and_the_successor_links_back()
    {
        var banner = _pages.Page(V1).QuerySelector(".banner-deprecated")!;
        var replaces = _pages.Page(V2).QuerySelector(".replaces")!;

        Assert.Contains("This contract is deprecated.", banner.TextContent, StringComparison.Ordinal);
        Assert.Equal("../../" + V2, banner.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("Replaces orders.order-events.v1 (deprecated).", replaces.TextContent.Trim());
        Assert.Equal("../../" + V1, replaces.QuerySelector("a")!.GetAttribute("href"));
        Assert.Null(_pages.Page(V2).QuerySelector(".banner-deprecated"));
    }

    [Fact]
    public void Each_order_events_page_lists_both_versions_lowest_first_and_marks_itself()
    {
        foreach (var (page, self) in new[] { (V1, "orders.order-events.v1"), (V2, "orders.order-events.v2") })
        {
            var versions = _pages.Page(page).QuerySelectorAll("ul.versions li").ToList();

            Assert.Equal(2, versions.Count);
            Assert.StartsWith("1.3.2 · orders.order-events.v1", versions[0].TextContent, StringComparison.Ordinal);
            Assert.StartsWith("2.1.0 · orders.order-events.v2", versions[1].TextContent, StringComparison.Ordinal);
            var current = Assert.Single(versions, v => v.GetAttribute("aria-current") == "true");
            Assert.Contains(self + " (this page)", current.TextContent, StringComparison.Ordinal);
            Assert.Null(current.QuerySelector("a[href*='" + self + "']"));
        }

        Assert.Equal("No other version of this contract in the mesh.", _pages.Page("contracts/orders.order-history.v1/index.html").QuerySelector("section[aria-labelledby='versions'] p")!.TextContent);
    }

    [Fact]
    public void The_product_port_of_the_deprecated_contract_names_its_successor()
    {
        var ports = _pages.Page("products/orders.order-events/index.html").QuerySelectorAll("article.port").ToList();

        var v1Port = Assert.Single(ports, p => p.TextContent.Contains("version 1.3.2", StringComparison.Ordinal));
        Assert.Contains("replaced by orders.order-events.v2", v1Port.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("replaced by", Assert.Single(ports, p => p != v1Port).TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Versions_are_the_contracts_of_one_domain_with_one_name_ordered_by_version_number()
    {
        using var repo = TempMeshRepository.Valid();
        repo.Write("domains/sales/contracts/orders-v9.odcs.yaml", Contract("sales.orders.v9", "Orders", "9.4.0", "deprecated"));
        repo.Write("domains/sales/contracts/orders-v10.odcs.yaml", Contract("sales.orders.v10", "Orders", "10.0.0", "active"));
        repo.Write("domains/sales/contracts/returns.odcs.yaml", Contract("sales.returns.v1", "Returns", "1.0.0", "active"));
        repo.Write("domains/marketing/domain.yaml", TempMeshRepository.ValidDomain.Replace("id: sales", "id: marketing", StringComparison.Ordinal).Replace("name: Sales", "name: Marketing", StringComparison.Ordinal));
        repo.Write("domains/marketing/contracts/orders.odcs.yaml", Contract("marketing.orders.v1", "Orders", "1.0.0", "active", domain: "marketing"));
        var mesh = MeshLoader.Load(repo.Root).Mesh;
        var versions = new ContractVersions(mesh);

        Assert.Equal(["sales.orders.v1", "sales.orders.v9", "sales.orders.v10"], versions.Of(mesh.FindContract("sales.orders.v10")!).Select(c => c.Id));
        Assert.Equal(["sales.returns.v1"], versions.Of(mesh.FindContract("sales.returns.v1")!).Select(c => c.Id));
        Assert.Equal(["marketing.orders.v1"], versions.Of(mesh.FindContract("marketing.orders.v1")!).Select(c => c.Id));
        // Deprecated: the next version succeeds it. Active: no successor without replacedBy.
        Assert.Equal("sales.orders.v10", versions.SuccessorOf(mesh.FindContract("sales.orders.v9")!)?.Id);
        Assert.Null(versions.SuccessorOf(mesh.FindContract("sales.orders.v1")!));
        Assert.Equal(["sales.orders.v9"], versions.PredecessorsOf(mesh.FindContract("sales.orders.v10")!).Select(c => c.Id));
    }

    [Fact]
    public void A_declared_replacedBy_or_replaces_links_contracts_of_any_name_and_a_deprecated_last_version_has_no_successor()
    {
        using var repo = TempMeshRepository.Valid();
        repo.Write("domains/sales/contracts/orders.odcs.yaml", Contract("sales.orders.v1", "Orders", "1.0.0", "deprecated", customProperties: """
            customProperties:
              - property: replacedBy
                value: sales.purchases.v1
            """));
        repo.Write("domains/sales/contracts/purchases.odcs.yaml", Contract("sales.purchases.v1", "Purchases", "1.0.0", "active"));
        repo.Write("domains/sales/contracts/baskets.odcs.yaml", Contract("sales.baskets.v1", "Baskets", "1.0.0", "active", customProperties: """
            customProperties:
              - property: replaces
                value: sales.carts.v3
            """));
        repo.Write("domains/sales/contracts/carts.odcs.yaml", Contract("sales.carts.v3", "Carts", "3.0.0", "retired"));
        repo.Write("domains/sales/contracts/coupons.odcs.yaml", Contract("sales.coupons.v1", "Coupons", "1.0.0", "deprecated"));
        var mesh = MeshLoader.Load(repo.Root).Mesh;
        var versions = new ContractVersions(mesh);

        Assert.Equal("sales.purchases.v1", versions.SuccessorOf(mesh.FindContract("sales.orders.v1")!)?.Id);
        Assert.Equal(["sales.orders.v1", "sales.purchases.v1"], versions.Of(mesh.FindContract("sales.purchases.v1")!).Select(c => c.Id));
        Assert.Equal("sales.baskets.v1", versions.SuccessorOf(mesh.FindContract("sales.carts.v3")!)?.Id);
        Assert.Equal(["sales.carts.v3"], versions.PredecessorsOf(mesh.FindContract("sales.baskets.v1")!).Select(c => c.Id));
        Assert.Null(versions.SuccessorOf(mesh.FindContract("sales.coupons.v1")!));

        var (result, folder) = SiteBuilds.BuildWithoutPolicies(repo.Root);
        try
        {
            Assert.True(result.Succeeded, result.Error + string.Join("\n", result.BrokenLinks));
            var banner = SiteBuilds.Page(folder, SiteUrls.Contract("sales.coupons.v1")).QuerySelector(".banner-deprecated")!;
            Assert.Equal("This contract is deprecated. No successor is declared; ask the owner team.", banner.TextContent.Trim());
            var retired = SiteBuilds.Page(folder, SiteUrls.Contract("sales.carts.v3")).QuerySelector(".banner-deprecated a")!;
            Assert.Equal("sales.baskets.v1", retired.TextContent);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public void A_declared_replaces_wins_over_the_next_version_and_a_release_candidate_comes_before_its_release()
    {
        using var repo = TempMeshRepository.Valid();
        repo.Write("domains/sales/contracts/orders.odcs.yaml", Contract("sales.orders.v1", "Orders", "1.0.0", "deprecated"));
        repo.Write("domains/sales/contracts/orders-rc.odcs.yaml", Contract("sales.orders.v2-rc", "Orders", "2.0.0-rc.1", "draft"));
        repo.Write("domains/sales/contracts/orders-v2.odcs.yaml", Contract("sales.orders.v2", "Orders", "2.0.0", "deprecated"));
        repo.Write("domains/sales/contracts/purchases.odcs.yaml", Contract("sales.purchases.v1", "Purchases", "1.0.0", "active", customProperties: """
            customProperties:
              - property: replaces
                value: sales.orders.v1
            """));
        var mesh = MeshLoader.Load(repo.Root).Mesh;
        var versions = new ContractVersions(mesh);

        Assert.Equal("sales.purchases.v1", versions.SuccessorOf(mesh.FindContract("sales.orders.v1")!)?.Id);
        Assert.Equal(["sales.orders.v1"], versions.PredecessorsOf(mesh.FindContract("sales.purchases.v1")!).Select(c => c.Id));
        Assert.Equal(["sales.orders.v1", "sales.purchases.v1", "sales.orders.v2-rc", "sales.orders.v2"], versions.Of(mesh.FindContract("sales.orders.v2")!).Select(c => c.Id));
        // The last version, deprecated, is not succeeded by its own release candidate.
        Assert.Null(versions.SuccessorOf(mesh.FindContract("sales.orders.v2")!));
    }

    private static string Contract(string id, string name, string version, string status, string domain = "sales", string customProperties = "") => $"""
        apiVersion: v3.1.0
        kind: DataContract
        id: {id}
        name: {name}
        version: {version}
        status: {status}
        domain: {domain}
        team:
          name: sales-team
        {customProperties}
        """;
}
