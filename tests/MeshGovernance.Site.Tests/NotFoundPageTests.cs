using System.Text.Json;
using Microsoft.Playwright;
using MeshGovernance.Testing;

namespace MeshGovernance.Site.Tests;

/// <summary>
/// The 404 page as GitHub Pages serves it: over HTTP, for a missing address deep under a project site's path,
/// styled, accessible, and leading back to the catalog.
/// </summary>
public sealed class NotFoundPageTests : BrowserSession
{
    [AxeFact]
    public async Task A_missing_address_at_any_depth_under_the_base_path_gets_a_styled_page_that_leads_to_the_catalog()
    {
        var folder = Path.Combine(Path.GetTempPath(), "meshgov-site-" + Guid.NewGuid().ToString("N")[..8]);
        using var server = LoopbackSiteServer.For(folder, "/mesh/");
        var result = await SiteBuilder.BuildAsync(SiteBuilds.ContextWithoutPolicies(RepositoryPaths.Template), folder, RepositoryPaths.Template, server.BaseUrl);
        try
        {
            Assert.True(result.Succeeded, result.Error + string.Join("\n", result.BrokenLinks));
            server.Start();
            var page = await NewPageAsync();
            var failed = new List<string>();
            page.Response += (_, response) =>
            {
                if (response.Status >= 400 && !response.Url.Contains("/no/such/", StringComparison.Ordinal))
                {
                    failed.Add($"{response.Status} {response.Url}");
                }
            };

            var response = await page.GotoAsync(server.BaseUrl + "products/no/such/page/here.html");

            Assert.Equal(404, response!.Status);
            Assert.Equal("Page not found", await page.TextContentAsync("h1"));
            // The stylesheet and the favicon loaded from the base path, not from where the address pointed.
            Assert.Empty(failed);
            Assert.Equal("flex", await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('.site-header')).display"));
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = Browser.AxePath });
            var violations = await page.EvaluateAsync<JsonElement>(
                "async () => (await axe.run(document)).violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id)");
            Assert.Equal(0, violations.GetArrayLength());

            await page.ClickAsync("main a");
            await page.WaitForURLAsync(server.BaseUrl + "index.html");
            await page.WaitForFunctionAsync("document.querySelectorAll('#results li').length === 27");
            Assert.Empty(failed);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
