using System.Text;
using Microsoft.Playwright;
using MeshGovernance.Testing;

namespace MeshGovernance.Site.Tests;

/// <summary>
/// The catalog's search in Chromium, used as a consumer would: by keyboard, with filters that stay put, the search
/// in the address (shareable, with Back and Forward), typos, ranking, and more results than fit on one page.
/// </summary>
public sealed class SearchBrowserTests : BrowserSession, IClassFixture<TemplateSiteTests.TemplateSite>
{
    private const string OrdersDomain = "#facets input[data-facet='dm'][value='orders']";
    private const string ContractKind = "#facets input[data-facet='k'][value='contract']";

    private readonly TemplateSiteTests.TemplateSite _site;

    public SearchBrowserTests(TemplateSiteTests.TemplateSite site) => _site = site;

    [BrowserFact]
    public async Task While_typing_the_address_is_written_after_a_pause_and_a_result_followed_at_once_comes_back_to_its_search()
    {
        var page = await OpenWithStoppedClockAsync();
        Task<string> Hash() => page.EvaluateAsync<string>("location.hash");

        await page.FillAsync("#q", "order");
        await page.Clock.RunForAsync(1);
        var count = await page.TextContentAsync("#result-count");
        Assert.Equal("", await Hash());
        await page.Clock.RunForAsync(400);
        Assert.Equal("#q=order", await Hash());

        // Followed before the typing pause is over: the click writes the address first.
        await page.FillAsync("#q", "orders");
        await page.Clock.RunForAsync(1);
        Assert.Equal("#q=order", await Hash());
        var first = new Uri(new Uri(page.Url), await page.GetAttributeAsync("#results li a", "href")).AbsoluteUri;
        await page.ClickAsync("#results li a");
        await page.WaitForLoadStateAsync();
        Assert.Equal(first, page.Url);
        await page.GoBackAsync();

        Assert.Equal("#q=orders", await Hash());
        Assert.Equal("orders", await page.InputValueAsync("#q"));
        Assert.NotEqual(count, await page.TextContentAsync("#result-count"));
        // Typing one search made one history entry, however many keys it took.
        await page.GoBackAsync();
        Assert.Equal("", await Hash());
        Assert.Equal("", await page.InputValueAsync("#q"));
        AssertNoRequestLeftTheSite(_site.Folder);
    }

    [BrowserFact]
    public async Task Back_or_Forward_a_moment_after_typing_wins_over_the_address_the_typing_would_have_written()
    {
        var page = await OpenWithStoppedClockAsync();
        await page.FocusAsync("a.skip");
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("#main", await page.EvaluateAsync<string>("location.hash"));
        var entries = await page.EvaluateAsync<int>("history.length");
        await page.GoBackAsync();

        await page.FillAsync("#q", "order");
        await page.Clock.RunForAsync(1);
        await page.GoForwardAsync();
        await page.Clock.RunForAsync(1000);

        Assert.Equal("#main", await page.EvaluateAsync<string>("location.hash"));
        Assert.Equal(entries, await page.EvaluateAsync<int>("history.length"));
    }

    [BrowserFact]
    public async Task A_filter_ticked_by_keyboard_keeps_focus_and_order_and_stays_shown_when_nothing_matches()
    {
        var page = await OpenAsync(_site.Folder, "index.html");
        var domainsBefore = await FacetValuesAsync(page, "dm");

        await page.FocusAsync(OrdersDomain);
        await page.Keyboard.PressAsync("Space");
        await WaitForCountAsync(page, "5 results.");

        Assert.True(await page.EvaluateAsync<bool>($"document.activeElement === document.querySelector(\"{OrdersDomain}\")"));
        Assert.Equal(domainsBefore, await FacetValuesAsync(page, "dm"));

        await page.FillAsync("#q", "refunds");
        await WaitForCountAsync(page, "No results for “refunds” with these filters.");
        Assert.True(await page.IsVisibleAsync(OrdersDomain));
        Assert.True(await page.IsCheckedAsync(OrdersDomain));
        Assert.Contains("(1 selected)", await page.TextContentAsync("#filters summary"), StringComparison.Ordinal);

        await page.FocusAsync("#clear-filters");
        await page.Keyboard.PressAsync("Enter");
        await WaitForCountAsync(page, "2 results.");
        Assert.False(await page.IsCheckedAsync(OrdersDomain));
        Assert.False(await page.IsVisibleAsync("#clear-filters"));
        Assert.Equal("q", await page.EvaluateAsync<string>("document.activeElement.id"));
        AssertNoRequestLeftTheSite(_site.Folder);
    }

    [BrowserFact]
    public async Task The_query_and_filters_are_in_the_address_and_Back_and_Forward_restore_them()
    {
        var page = await OpenAsync(_site.Folder, "index.html");
        await page.FillAsync("#q", "order");
        await page.CheckAsync(ContractKind);
        await page.WaitForFunctionAsync("location.hash === '#q=order&k=contract'");
        var filtered = await page.TextContentAsync("#result-count");

        // The skip link's #main is not a search: the query and the ticked filter stay.
        await page.FocusAsync("a.skip");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync("location.hash === '#main'");
        Assert.Equal("order", await page.InputValueAsync("#q"));
        Assert.True(await page.IsCheckedAsync(ContractKind));
        Assert.Equal(filtered, await page.TextContentAsync("#result-count"));
        await page.GoBackAsync();
        await page.WaitForFunctionAsync("location.hash === '#q=order&k=contract'");
        var kinds = await page.Locator("#results li .badge.kind-contract, #results li .badge.kind-product").AllTextContentsAsync();
        Assert.All(kinds, k => Assert.Equal("contract", k));

        // Shared: the address alone gives the same search.
        var shared = await OpenAsync(_site.Folder, "index.html#q=order&k=contract");
        await WaitForCountAsync(shared, filtered!);
        Assert.Equal("order", await shared.InputValueAsync("#q"));
        Assert.True(await shared.IsCheckedAsync(ContractKind));

        await page.GoBackAsync();
        await page.WaitForFunctionAsync("location.hash === '#q=order'");
        Assert.False(await page.IsCheckedAsync(ContractKind));
        Assert.Equal("order", await page.InputValueAsync("#q"));
        Assert.NotEqual(filtered, await page.TextContentAsync("#result-count"));

        await page.GoForwardAsync();
        await WaitForCountAsync(page, filtered!);
        Assert.True(await page.IsCheckedAsync(ContractKind));
        AssertNoRequestLeftTheSite(_site.Folder);
    }

    [BrowserFact]
    public async Task Search_forgives_a_typo_ranks_exact_and_active_first_and_finds_products_by_their_contracts_columns()
    {
        var page = await OpenAsync(_site.Folder, "index.html");

        var typo = await SearchAsync(page, "ordr");
        Assert.Contains(typo, r => r.Id == "orders.order-events");

        // Exact name matches first, the active v2 contract before the deprecated v1.
        var exact = await SearchAsync(page, "order-events");
        Assert.Equal(["orders.order-events", "orders.order-events.v1", "orders.order-events.v2"], exact.Take(3).Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.True(exact.FindIndex(r => r.Id == "orders.order-events.v2") < exact.FindIndex(r => r.Id == "orders.order-events.v1"));

        var column = await SearchAsync(page, "method");
        Assert.Contains(column, r => r.Id == "payments.payment-transactions.v1" && r.Why.Contains("column method", StringComparison.Ordinal));
        Assert.Contains(column, r => r.Id == "payments.payment-transactions" && r.Why.Contains("column method (contract payments.payment-transactions.v1)", StringComparison.Ordinal));

        var member = await SearchAsync(page, "nikolai");
        Assert.Contains(member, r => r.Id == "sales-analytics.daily-sales" && r.Why.Contains("member nikolai-ivanov", StringComparison.Ordinal));

        var platform = await SearchAsync(page, "kafka");
        Assert.Contains(platform, r => r.Id == "orders.order-events.v2" && r.Why.Contains("platform kafka", StringComparison.Ordinal));
        AssertNoRequestLeftTheSite(_site.Folder);
    }

    [BrowserFact]
    public async Task Past_the_first_hundred_results_more_load_on_request_and_focus_moves_to_the_first_new_one()
    {
        using var repository = TempMeshRepository.CopyOf(RepositoryPaths.Template);
        for (var i = 0; i < 130; i++)
        {
            repository.Write($"domains/payments/products/bulk-{i:000}.odps.yaml", new StringBuilder()
                .Append("apiVersion: v1.0.0\nkind: DataProduct\n")
                .Append($"id: payments.bulk-{i:000}\nname: bulk-{i:000}\nstatus: active\ndomain: payments\n")
                .Append($"description:\n  purpose: Bulk product {i} of the paging test.\n").ToString());
        }

        var (result, folder) = SiteBuilds.BuildWithoutPolicies(repository.Root);
        try
        {
            Assert.True(result.Succeeded, string.Join("\n", result.BrokenLinks.Append(result.Error ?? "")));
            var page = await OpenAsync(folder, "index.html");
            await WaitForCountAsync(page, "157 results, showing the first 100.");
            Assert.Equal(100, await page.Locator("#results > li").CountAsync());

            await page.FocusAsync("#more-results");
            await page.Keyboard.PressAsync("Enter");
            await WaitForCountAsync(page, "157 results.");
            Assert.Equal(157, await page.Locator("#results > li").CountAsync());
            Assert.False(await page.IsVisibleAsync("#more-results"));
            Assert.True(await page.EvaluateAsync<bool>("document.activeElement === document.querySelectorAll('#results > li > a')[100]"));
            AssertNoRequestLeftTheSite(folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [BrowserFact]
    public async Task A_long_filter_shows_eight_values_until_show_all_and_back_with_show_fewer()
    {
        var page = await OpenAsync(_site.Folder, "index.html");
        await WaitForCountAsync(page, "27 results.");
        var tags = page.Locator("#facets fieldset", new PageLocatorOptions { Has = page.Locator("legend", new PageLocatorOptions { HasText = "Tag" }) });
        var total = await tags.Locator("input").CountAsync();
        Assert.True(total > 8, $"{total} tags");
        Assert.Equal(8, await tags.Locator("label:visible").CountAsync());

        var toggle = tags.Locator("button");
        Assert.Equal($"Show all {total}", await toggle.TextContentAsync());
        Assert.Equal("false", await toggle.GetAttributeAsync("aria-expanded"));
        await toggle.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal(total, await tags.Locator("label:visible").CountAsync());
        Assert.Equal("true", await toggle.GetAttributeAsync("aria-expanded"));
        Assert.Equal("Show fewer", await toggle.TextContentAsync());

        await page.Keyboard.PressAsync("Enter");
        Assert.Equal(8, await tags.Locator("label:visible").CountAsync());
    }

    [BrowserFact]
    public async Task On_a_phone_the_filters_fold_and_the_results_start_just_below_the_box()
    {
        var page = await OpenAsync(_site.Folder, "index.html", width: 390, height: 844);
        await WaitForCountAsync(page, "27 results.");

        Assert.False(await page.EvaluateAsync<bool>("document.getElementById('filters').open"));
        var gap = await page.EvaluateAsync<double>("document.getElementById('result-count').getBoundingClientRect().top - document.getElementById('q').getBoundingClientRect().bottom");
        Assert.InRange(gap, 0, 120);

        await page.ClickAsync("#filters summary");
        Assert.True(await page.IsVisibleAsync(OrdersDomain));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "home-390px-filters.png"), FullPage = true });
    }

    private static async Task<List<string>> FacetValuesAsync(IPage page, string facet) =>
        [.. await page.Locator($"#facets input[data-facet='{facet}']").EvaluateAllAsync<string[]>("boxes => boxes.map(b => b.value)")];

    /// <summary>The home page with a clock that moves only when the test moves it (timers included).</summary>
    private async Task<IPage> OpenWithStoppedClockAsync()
    {
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var page = await NewPageAsync();
        await page.Clock.InstallAsync(new ClockInstallOptions { TimeDate = start });
        await page.GotoAsync(FileUrl(_site.Folder, "index.html"));
        await page.Clock.PauseAtAsync(start.AddMinutes(1));
        return page;
    }

    private static Task WaitForCountAsync(IPage page, string text) =>
        page.WaitForFunctionAsync("text => document.getElementById('result-count').textContent === text", text);

    private sealed record Result(string Id, string Why);

    private static async Task<List<Result>> SearchAsync(IPage page, string query)
    {
        await page.FillAsync("#q", query);
        await page.WaitForFunctionAsync("query => location.hash === '#' + new URLSearchParams({ q: query }).toString()", query);
        var rows = await page.Locator("#results > li").EvaluateAllAsync<string[][]>(
            "items => items.map(li => [li.querySelector('.muted').textContent.split(' · ')[0], li.querySelector('.why')?.textContent ?? ''])");
        return rows.Select(r => new Result(r[0], r[1])).ToList();
    }
}
