namespace MeshGovernance.Site.Tests;

/// <summary>
/// A test that drives Debian's Chromium through Playwright; skipped, saying how to install it, when the
/// browser is not at <see cref="Browser.ExecutablePath"/> (.ci/run installs it).
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute() => Skip = Browser.ChromiumMissing;
}

/// <summary>A browser test that also injects axe-core (installed by <c>npm ci</c> in browser-tools/, as .ci/run does).</summary>
public sealed class AxeFactAttribute : FactAttribute
{
    public AxeFactAttribute() => Skip = Browser.ChromiumMissing ?? (File.Exists(Browser.AxePath) ? null
        : $"axe-core is not at {Browser.AxePath}; run 'npm ci' in tests/MeshGovernance.Site.Tests/browser-tools to run the accessibility tests.");
}

internal static class Browser
{
    /// <summary>Why browser tests are skipped, or null when Chromium is there.</summary>
    public static string? ChromiumMissing => File.Exists(ExecutablePath) ? null
        : $"Chromium is not at {ExecutablePath}; install it with 'apt-get install -y chromium' to run the browser tests.";

    public static string AxePath => Path.Combine(MeshGovernance.Testing.RepositoryPaths.ProjectRoot, "tests", "MeshGovernance.Site.Tests", "browser-tools", "node_modules", "axe-core", "axe.min.js");

    public static string ExecutablePath => Environment.GetEnvironmentVariable("MESHGOV_CHROMIUM") ?? "/usr/bin/chromium";
}
