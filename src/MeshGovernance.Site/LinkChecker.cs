using System.Text.RegularExpressions;

namespace MeshGovernance.Site;

/// <summary>
/// Every internal link and resource of the written site must exist: a broken link is a build error. External
/// links (http, https, mailto) are not followed; the site makes no request outside itself.
/// </summary>
public static partial class LinkChecker
{
    /// <summary>The broken links, as "page: target" lines; empty when every link resolves.</summary>
    public static IReadOnlyList<string> Check(string siteRoot)
    {
        var broken = new List<string>();
        var root = Path.GetFullPath(siteRoot);
        foreach (var page in Directory.EnumerateFiles(root, "*.html", SearchOption.AllDirectories))
        {
            var html = File.ReadAllText(page);
            var folder = Path.GetDirectoryName(page)!;
            foreach (Match match in Reference().Matches(html))
            {
                var target = System.Net.WebUtility.HtmlDecode(match.Groups["url"].Value);
                if (target.Length == 0 || target.StartsWith('#') || target.StartsWith("http://", StringComparison.Ordinal)
                    || target.StartsWith("https://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
                {
                    continue;
                }

                var path = target.Split('#', '?')[0];
                var resolved = Path.GetFullPath(Path.Combine(folder, Uri.UnescapeDataString(path)));
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

    [GeneratedRegex(@"(?:href|src)=""(?<url>[^""]*)""", RegexOptions.CultureInvariant)]
    private static partial Regex Reference();
}
