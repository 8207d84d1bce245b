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
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            link.IsImage = false;
            link.Title = null;
            if (SafeUrl.OrNull(link.Url) is { } safe)
            {
                link.Url = safe;
            }
            else
            {
                // Not a link we may show: its text stays, as text.
                link.ReplaceBy(new LiteralInline(string.Concat(link.Descendants<LiteralInline>().Select(l => l.Content.ToString()))));
            }
        }

        foreach (var link in document.Descendants<AutolinkInline>().ToList())
        {
            if (SafeUrl.OrNull(link.IsEmail ? "mailto:" + link.Url : link.Url) is null)
            {
                link.ReplaceBy(new LiteralInline(link.Url));
            }
        }

        // A description's headings sit under the page's own: # becomes a third-level heading.
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            heading.Level = Math.Min(6, heading.Level + 2);
        }

        using var writer = new StringWriter();
        var renderer = new Markdig.Renderers.HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return new MarkupString(writer.ToString());
    }
}
