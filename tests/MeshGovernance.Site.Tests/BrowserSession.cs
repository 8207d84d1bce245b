using Microsoft.Playwright;
using MeshGovernance.Testing;

namespace MeshGovernance.Site.Tests;

/// <summary>
/// Debian's Chromium through Playwright for one test class: pages opened straight from a site folder on disk,
/// every request they make recorded, so a test can show that none left the site and no script failed.
/// </summary>
public abstract class BrowserSession : IAsyncLifetime
{
    private readonly List<string> _requests = [];
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    protected static string Screenshots => Path.Combine(RepositoryPaths.ProjectRoot, "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(Browser.ExecutablePath))
        {
            return;
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Browser.ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>Opens a page of the site (a path relative to its folder, with an optional #fragment).</summary>
    protected async Task<IPage> OpenAsync(string siteFolder, string relativePath, int width = 1280, int height = 800)
    {
        var page = await NewPageAsync(width, height);
        await page.GotoAsync(FileUrl(siteFolder, relativePath));
        return page;
    }

    /// <summary>A blank page whose requests and script errors are recorded.</summary>
    protected async Task<IPage> NewPageAsync(int width = 1280, int height = 800)
    {
        var page = await _browser!.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        page.Request += (_, request) => _requests.Add(request.Url);
        page.PageError += (_, message) => _requests.Add("page error: " + message);
        return page;
    }

    protected static string FileUrl(string siteFolder, string relativePath)
    {
        var at = relativePath.IndexOf('#', StringComparison.Ordinal);
        var (path, fragment) = at >= 0 ? (relativePath[..at], relativePath[at..]) : (relativePath, "");
        return new Uri(Path.Combine(siteFolder, path)).AbsoluteUri + fragment;
    }

    /// <summary>Every request went to a file of the site, and no script failed.</summary>
    protected void AssertNoRequestLeftTheSite(string siteFolder)
    {
        var site = new Uri(siteFolder + Path.DirectorySeparatorChar).AbsoluteUri;
        Assert.NotEmpty(_requests);
        Assert.All(_requests, url => Assert.True(url.StartsWith(site, StringComparison.Ordinal), $"request outside the site: {url}"));
    }
}
