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

/// <summary>A browser test that also injects axe-core (installed by <c>npm ci</c> in browser-tools/, as .ci/run does).</summary>
public sealed class AxeFactAttribute : FactAttribute
{
    public AxeFactAttribute()
    {
        if (!File.Exists(Browser.ExecutablePath))
        {
            Skip = $"Chromium is not at {Browser.ExecutablePath}; install it with 'apt-get install -y chromium' to run the browser tests.";
        }
        else if (!File.Exists(Browser.AxePath))
        {
            Skip = $"axe-core is not at {Browser.AxePath}; run 'npm ci' in tests/MeshGovernance.Site.Tests/browser-tools to run the accessibility tests.";
        }
    }
}

internal static class Browser
{
    public static string AxePath => Path.Combine(MeshGovernance.Testing.RepositoryPaths.ProjectRoot, "tests", "MeshGovernance.Site.Tests", "browser-tools", "node_modules", "axe-core", "axe.min.js");

    public static string ExecutablePath => Environment.GetEnvironmentVariable("MESHGOV_CHROMIUM") ?? "/usr/bin/chromium";
}
