using System.Text.RegularExpressions;

namespace MeshGovernance.Site;

/// <summary>
/// Every internal link and resource of the written site must exist: a broken link is a build error. External
/// links (http, https, mailto) are not followed; the site makes no request outside itself.
/// </summary>
public static partial class LinkChecker
{
    /// <summary>The broken links, as "page: target" lines; empty when every link resolves.</summary>
    public static IReadOnlyList<string> Check(string siteRoot, string? basePath = null)
    {
        var broken = new List<string>();
        var root = Path.GetFullPath(siteRoot).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        foreach (var page in Directory.EnumerateFiles(root, "*.html", SearchOption.AllDirectories))
        {
            var html = File.ReadAllText(page);
            var folder = Path.GetDirectoryName(page)!;
            foreach (Match match in Reference().Matches(html))
            {
                var target = System.Net.WebUtility.HtmlDecode(match.Groups["url"].Value);
                var external = target.StartsWith("http://", StringComparison.Ordinal) || target.StartsWith("https://", StringComparison.Ordinal)
                    || target.StartsWith("mailto:", StringComparison.Ordinal) || target.StartsWith("//", StringComparison.Ordinal);
                if (external && match.Groups["attribute"].Value == "src")
                {
                    // A page may link out, but never load anything from outside the site.
                    broken.Add($"{Path.GetRelativePath(root, page).Replace('\\', '/')}: loads {target} from outside the site");
                    continue;
                }

                if (target.Length == 0 || target.StartsWith('#') || external)
                {
                    continue;
                }

                var path = target.Split('#', '?')[0];
                // The 404 page links from the site's base path, since it is served at any depth.
                var resolved = basePath is not null && path.StartsWith(basePath, StringComparison.Ordinal)
                    ? Path.GetFullPath(Path.Combine(root, Uri.UnescapeDataString(path[basePath.Length..])))
                    : Path.GetFullPath(Path.Combine(folder, Uri.UnescapeDataString(path)));
                if (path.EndsWith('/'))
                {
                    resolved = Path.Combine(resolved, "index.html");
                }

                if (!resolved.StartsWith(root, StringComparison.Ordinal) || !File.Exists(resolved))
                {
                    broken.Add($"{Path.GetRelativePath(root, page).Replace('\\', '/')}: {target}");
                }
            }
        }

        return broken;
    }

    [GeneratedRegex(@"\s(?<attribute>href|src)=""(?<url>[^""]*)""", RegexOptions.CultureInvariant)]
    private static partial Regex Reference();
}
