using Microsoft.Playwright;

namespace MeshGovernance.Site.Tests;

/// <summary>
/// The template's site in a real browser, opened straight from disk: search as you type, facets, following a
/// product and a contract, and not one request leaving the site. Screenshots of the main pages are kept in
/// artifacts/screenshots/ at the repository root.
/// </summary>
public sealed class BrowserTests : BrowserSession, IClassFixture<TemplateSiteTests.TemplateSite>
{
    private readonly TemplateSiteTests.TemplateSite _site;

    public BrowserTests(TemplateSiteTests.TemplateSite site) => _site = site;

    [BrowserFact]
    public async Task Typing_in_search_shows_matching_products_and_contracts_with_why_they_matched()
    {
        var page = await OpenAsync("index.html");

        await page.FillAsync("#q", "refund");
        await page.WaitForFunctionAsync("document.querySelectorAll('#results li').length > 0 && document.getElementById('result-count').textContent.includes('result')");

        var titles = await page.Locator("#results li > a").AllTextContentsAsync();
        Assert.Contains(titles, t => t.Contains("refund", StringComparison.OrdinalIgnoreCase));
        var why = await page.Locator("#results li .why").First.TextContentAsync();
        Assert.StartsWith("Matched in", why, StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "home-search.png"), FullPage = true });
        AssertNoRequestLeftTheSite();
    }

    [BrowserFact]
    public async Task A_facet_narrows_the_results_and_its_counts_match()
    {
        var page = await OpenAsync("index.html");
        await page.WaitForSelectorAsync("#facets input[data-facet='k'][value='contract']");
        var all = await page.Locator("#results li").CountAsync();
        var label = await page.Locator("#facets label", new PageLocatorOptions { Has = page.Locator("input[data-facet='k'][value='contract']") }).TextContentAsync();

        await page.CheckAsync("#facets input[data-facet='k'][value='contract']");
        await page.WaitForFunctionAsync($"document.querySelectorAll('#results li').length < {all}");

        var kinds = await page.Locator("#results li .badge[class*='kind-']").AllTextContentsAsync();
        Assert.All(kinds, k => Assert.Equal("contract", k));
        Assert.Contains($"({kinds.Count})", label, StringComparison.Ordinal);
        Assert.Equal(14, kinds.Count);
        AssertNoRequestLeftTheSite();
    }

    [BrowserFact]
    public async Task From_search_to_a_product_to_its_contract()
    {
        var page = await OpenAsync("index.html");
        await page.FillAsync("#q", "payment-transactions");
        await page.Locator("#results li > a", new PageLocatorOptions { HasText = "payment-transactions" }).First.ClickAsync();
        await page.WaitForURLAsync("**/products/payments.payment-transactions/index.html");
        Assert.Contains("payment-transactions", await page.Locator("h1").TextContentAsync(), StringComparison.Ordinal);
        Assert.True(await page.Locator(".lineage svg").IsVisibleAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "product.png"), FullPage = true });

        await page.Locator("a", new PageLocatorOptions { HasText = "payments.payment-transactions.v1" }).First.ClickAsync();
        await page.WaitForURLAsync("**/contracts/payments.payment-transactions.v1/index.html");
        Assert.True(await page.Locator("table.schema").First.IsVisibleAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "contract.png"), FullPage = true });

        await page.Locator("header nav a", new PageLocatorOptions { HasText = "Governance" }).ClickAsync();
        await page.WaitForURLAsync("**/governance/index.html");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "governance.png"), FullPage = true });
        AssertNoRequestLeftTheSite();
    }

    private Task<IPage> OpenAsync(string relativePath) => OpenAsync(_site.Folder, relativePath);

    private void AssertNoRequestLeftTheSite() => AssertNoRequestLeftTheSite(_site.Folder);
}
