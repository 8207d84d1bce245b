using System.Text.RegularExpressions;

namespace MeshGovernance.Site;

/// <summary>One href or src of a page.</summary>
public readonly record struct PageReference(string Page, string Attribute, string Target);

/// <summary>
/// Every internal link and resource of the written site must exist: a broken link is a build error. External
/// links (http, https, mailto) are not followed, and no page may load anything (src) from outside the site.
/// The builder collects each page's references while it renders, and checks them against the files it wrote,
/// without reading the site back; <see cref="Check(string, string?)"/> does the same for a site on disk.
/// </summary>
public static partial class LinkChecker
{
    /// <summary>The hrefs and srcs of one page, HTML-decoded.</summary>
    public static List<PageReference> References(string page, ReadOnlySpan<char> html)
    {
        var references = new List<PageReference>();
        foreach (var match in Reference().EnumerateMatches(html))
        {
            // The match is: a white-space character, the attribute, '="', the URL, '"'.
            var text = html.Slice(match.Index, match.Length);
            var equals = text.IndexOf('=');
            references.Add(new PageReference(page, text[1..equals].ToString(), System.Net.WebUtility.HtmlDecode(text[(equals + 2)..^1].ToString())));
        }

        return references;
    }

    /// <summary>The broken references among <paramref name="references"/>, as "page: target" lines in order, given the site's files ('/'-separated, relative to its root).</summary>
    public static IReadOnlyList<string> Check(IEnumerable<PageReference> references, IReadOnlySet<string> files, string? basePath = null) =>
        references.AsParallel().Select(reference => Broken(reference, files, basePath)).OfType<string>().Order(StringComparer.Ordinal).ToList();

    /// <summary>Why <paramref name="reference"/> is broken, as a "page: target" line; null when it resolves or leaves the site by design.</summary>
    private static string? Broken(PageReference reference, IReadOnlySet<string> files, string? basePath)
    {
        // Paths are resolved against a virtual root: nothing here touches the disk.
        const string Root = "/site/";
        var (page, attribute, target) = reference;
        var external = target.StartsWith("http://", StringComparison.Ordinal) || target.StartsWith("https://", StringComparison.Ordinal)
            || target.StartsWith("mailto:", StringComparison.Ordinal) || target.StartsWith("//", StringComparison.Ordinal);
        if (external && attribute == "src")
        {
            return $"{page}: loads {target} from outside the site";
        }

        if (target.Length == 0 || target.StartsWith('#') || external)
        {
            return null;
        }

        var path = Uri.UnescapeDataString(target.Split('#', '?')[0]);
        var folder = Root + (page.Contains('/') ? page[..(page.LastIndexOf('/') + 1)] : "");
        // The 404 page links from the site's base path, since it is served at any depth.
        var resolved = basePath is not null && path.StartsWith(basePath, StringComparison.Ordinal)
            ? System.IO.Path.GetFullPath(Root + path[basePath.Length..])
            : System.IO.Path.GetFullPath(path.StartsWith('/') ? path : folder + path);
        if (path.EndsWith('/'))
        {
            resolved += resolved.EndsWith('/') ? "index.html" : "/index.html";
        }

        return !resolved.StartsWith(Root, StringComparison.Ordinal) || !files.Contains(resolved[Root.Length..]) ? $"{page}: {target}" : null;
    }

    /// <summary>The broken links of a site on disk, as "page: target" lines; empty when every link resolves.</summary>
    public static IReadOnlyList<string> Check(string siteRoot, string? basePath = null)
    {
        var root = Path.GetFullPath(siteRoot);
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => SiteBuilder.RelativePath(root, f))
            .ToHashSet(StringComparer.Ordinal);
        var references = files.Where(f => f.EndsWith(".html", StringComparison.Ordinal))
            .SelectMany(page => References(page, File.ReadAllText(Path.Combine(root, page))));
        return Check(references, files, basePath);
    }

    [GeneratedRegex(@"\s(?:href|src)=""[^""]*""", RegexOptions.CultureInvariant)]
    private static partial Regex Reference();
}
