using MeshGovernance.Model.Loading;
using MeshGovernance.Testing;

namespace MeshGovernance.Site.Tests;

/// <summary>
/// The example mesh loaded and its site built once for a test class, with validation findings only: for tests of
/// what the product and contract pages show, which no policy changes.
/// </summary>
public sealed class TemplatePages : IDisposable
{
    public TemplatePages()
    {
        Load = MeshLoader.Load(RepositoryPaths.Template);
        (Result, Folder) = SiteBuilds.BuildWithoutPolicies(RepositoryPaths.Template);
    }

    public MeshLoadResult Load { get; }

    public SiteBuildResult Result { get; }

    public string Folder { get; }

    public AngleSharp.Html.Dom.IHtmlDocument Page(string relativePath) => SiteBuilds.Page(Folder, relativePath);

    public void Dispose()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
