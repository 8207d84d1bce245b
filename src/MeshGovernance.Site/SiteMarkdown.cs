using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.AspNetCore.Components;

namespace MeshGovernance.Site;

/// <summary>
/// Descriptions from YAML rendered as Markdown: raw HTML is not interpreted (it shows as text), links keep only
/// http, https and mailto targets, and images become links, so nothing is fetched from outside the site.
/// </summary>
public static class SiteMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .Build();

    public static MarkupString ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return new MarkupString(string.Empty);
        }

        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            link.IsImage = false;
            link.Url = SafeUrl.OrNull(link.Url) ?? "#";
            link.Title = null;
        }

        foreach (var link in document.Descendants<AutolinkInline>())
        {
            link.Url = SafeUrl.OrNull(link.IsEmail ? "mailto:" + link.Url : link.Url) is { } safe ? (link.IsEmail ? link.Url : safe) : "#";
        }

        using var writer = new StringWriter();
        var renderer = new Markdig.Renderers.HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return new MarkupString(writer.ToString());
    }
}
