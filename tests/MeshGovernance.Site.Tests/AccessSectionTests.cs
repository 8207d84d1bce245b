namespace MeshGovernance.Site.Tests;

/// <summary>
/// Every product and contract page says how to get access: the output ports with their contracts' servers and
/// locations, each role with its description, access and approvers labelled by level, and whom to ask.
/// </summary>
public sealed class AccessSectionTests : IClassFixture<TemplatePages>
{
    private readonly TemplatePages _pages;

    public AccessSectionTests(TemplatePages pages) => _pages = pages;

    [Fact]
    public void Approvers_are_labelled_by_level_and_roles_keep_their_descriptions()
    {
        var page = _pages.Page("contracts/orders.order-events.v2/index.html");
        var producer = page.QuerySelectorAll("section[aria-labelledby='access'] ul.roles > li")
            .Single(r => r.QuerySelector(".card-title")!.TextContent == "orders_events_producer");

        Assert.Contains("Producer ACL; held only by the order management service.", producer.TextContent, StringComparison.Ordinal);
        Assert.Equal(
            ["Access: write", "First-level approvers: checkout lead", "Second-level approvers: data-governance"],
            producer.QuerySelectorAll("dl > dt").Select(dt => $"{dt.TextContent}: {dt.NextElementSibling!.TextContent}"));
    }

    [Fact]
    public void A_product_page_shows_each_output_port_with_its_servers_locations_roles_and_whom_to_ask()
    {
        var access = _pages.Page("products/sales-analytics.daily-sales/index.html").QuerySelector("section[aria-labelledby='access']")!;
        var port = Assert.Single(access.QuerySelectorAll("article.port"));

        Assert.Contains("DAILY_SALES table in the Snowflake ANALYTICS.SALES schema.", port.TextContent, StringComparison.Ordinal);
        Assert.NotNull(port.QuerySelector("a[href='../../contracts/sales-analytics.daily-sales.v1/index.html']"));
        var server = port.QuerySelector("ul.servers > li")!;
        var locations = server.QuerySelectorAll("dl > dt").Select(dt => dt.TextContent).ToList();
        Assert.Contains("warehouse", locations);
        Assert.Contains("database", locations);
        Assert.NotEmpty(port.QuerySelectorAll("ul.roles > li"));
        Assert.Contains("Whom to ask", access.QuerySelectorAll("h3").Select(h => h.TextContent));
        Assert.NotNull(access.QuerySelector("a[href='../../teams/sales-analytics/index.html']"));
        Assert.Contains("#team-sales-analytics", access.QuerySelector("ul.support")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_product_and_contract_page_has_an_access_section_with_an_owner_and_support()
    {
        var pages = _pages.Load.Mesh.Products.Select(p => SiteUrls.Product(p.Id)).Concat(_pages.Load.Mesh.Contracts.Select(c => SiteUrls.Contract(c.Id)));

        Assert.All(pages, path =>
        {
            var access = _pages.Page(path).QuerySelector("section[aria-labelledby='access']");
            Assert.NotNull(access);
            Assert.NotNull(access.QuerySelector("a[href^='../../teams/']"));
            Assert.NotEmpty(access.QuerySelectorAll("ul.support li"));
        });
    }
}
