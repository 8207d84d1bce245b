using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using MeshGovernance.Model.Loading;
using MeshGovernance.Policies.Engine;
using MeshGovernance.Results;

namespace MeshGovernance.Site.Tests;

/// <summary>Builds sites for tests into temporary folders, and parses their pages.</summary>
internal static class SiteBuilds
{
    public static readonly DateOnly Today = new(2026, 11, 22);

    /// <summary>Builds the site of a repository with validation findings only (no policies: fast).</summary>
    public static (SiteBuildResult Result, string Folder) BuildWithoutPolicies(string repository) =>
        Build(ContextWithoutPolicies(repository), repository);

    /// <summary>The site's model of a repository with validation findings only.</summary>
    public static SiteContext ContextWithoutPolicies(string repository)
    {
        var load = MeshLoader.Load(repository);
        return new SiteContext(load, CheckResult.ValidationOnly(load.Diagnostics, load.ConfigurationError), Today);
    }

    /// <summary>Builds the site of a repository with every policy of the built-in pack and the repository's own.</summary>
    public static (SiteBuildResult Result, string Folder) BuildWithPolicies(string repository)
    {
        var load = MeshLoader.Load(repository);
        var check = PolicyEngine.Check(load, PolicySet.Load(load), new PolicyEngineOptions { Today = Today });
        return Build(new SiteContext(load, check, Today), repository);
    }

    private static (SiteBuildResult, string) Build(SiteContext context, string repository)
    {
        var folder = Path.Combine(Path.GetTempPath(), "meshgov-site-" + Guid.NewGuid().ToString("N")[..8]);
        var result = SiteBuilder.BuildAsync(context, folder, repository).GetAwaiter().GetResult();
        return (result, folder);
    }

    public static IHtmlDocument Page(string folder, string relativePath) =>
        new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(folder, relativePath)));

    public static IEnumerable<string> Pages(string folder) =>
        Directory.EnumerateFiles(folder, "*.html", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(folder, p).Replace('\\', '/'));
}
