namespace MeshGovernance.Site.Tests;

/// <summary>
/// A test that drives Debian's Chromium through Playwright; skipped, saying how to install it, when the
/// browser is not at <see cref="Browser.ExecutablePath"/> (.ci/run installs it).
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!File.Exists(Browser.ExecutablePath))
        {
            Skip = $"Chromium is not at {Browser.ExecutablePath}; install it with 'apt-get install -y chromium' to run the browser tests.";
        }
    }
}

internal static class Browser
{
    public static string ExecutablePath => Environment.GetEnvironmentVariable("MESHGOV_CHROMIUM") ?? "/usr/bin/chromium";
}
