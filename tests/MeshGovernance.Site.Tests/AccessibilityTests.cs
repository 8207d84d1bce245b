using System.Text.Json;
using Microsoft.Playwright;

namespace MeshGovernance.Site.Tests;

/// <summary>
/// Every page of the template's site in Chromium: axe-core finds no serious or critical violation, and on a
/// 390 px phone no page scrolls sideways.
/// </summary>
public sealed class AccessibilityTests : BrowserSession, IClassFixture<TemplateSiteTests.TemplateSite>
{
    private readonly TemplateSiteTests.TemplateSite _site;

    public AccessibilityTests(TemplateSiteTests.TemplateSite site) => _site = site;

    [AxeFact]
    public async Task No_page_has_a_serious_or_critical_axe_violation()
    {
        // 404.html links from the domain root, which a site opened from disk does not have: NotFoundPageTests serves it.
        var pages = SiteBuilds.Pages(_site.Folder).Where(p => p != SiteUrls.NotFound).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(42, pages.Count);
        var page = await OpenAsync(_site.Folder, "index.html");
        var problems = new List<string>();
        foreach (var path in pages)
        {
            await page.GotoAsync(FileUrl(_site.Folder, path));
            if (path == "index.html")
            {
                // With a search typed, so that results and filters are judged too.
                await page.FillAsync("#q", "order");
                await page.WaitForFunctionAsync("document.querySelectorAll('#results li').length > 0");
            }

            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = Browser.AxePath });
            var violations = await page.EvaluateAsync<JsonElement>(
                "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations" +
                ".filter(v => v.impact === 'serious' || v.impact === 'critical')" +
                ".map(v => v.impact + ' ' + v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))");
            problems.AddRange(violations.EnumerateArray().Select(v => $"{path}: {v.GetString()}"));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        AssertNoRequestLeftTheSite(_site.Folder);
    }

    [BrowserFact]
    public async Task No_page_scrolls_sideways_on_a_390_px_phone()
    {
        var page = await OpenAsync(_site.Folder, "index.html", width: 390, height: 844);
        var wide = new List<string>();
        foreach (var path in SiteBuilds.Pages(_site.Folder).Where(p => p != SiteUrls.NotFound).Order(StringComparer.Ordinal))
        {
            await page.GotoAsync(FileUrl(_site.Folder, path));
            var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            if (width > 390)
            {
                var culprit = await page.EvaluateAsync<string>(
                    "Array.from(document.querySelectorAll('main *')).filter(e => !e.closest('.table-scroll') && e.getBoundingClientRect().right > 391)" +
                    ".map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')).slice(0, 3).join(', ')");
                wide.Add($"{path}: {width} px wide ({culprit})");
            }
        }

        Assert.True(wide.Count == 0, string.Join("\n", wide));
    }
}
