using System.Text;

namespace MeshGovernance.Site;

/// <summary>
/// The site's stable URLs (<c>products/&lt;id&gt;/</c>), always written relative to the page that links them, so the
/// site works under any base path and straight from disk.
/// </summary>
public static class SiteUrls
{
    public const string Home = "index.html";
    public const string Governance = "governance/index.html";
    public const string NotFound = "404.html";

    public static string Product(string id) => $"products/{Slug(id)}/index.html";

    public static string Contract(string id) => $"contracts/{Slug(id)}/index.html";

    public static string Domain(string id) => $"domains/{Slug(id)}/index.html";

    public static string Team(string id) => $"teams/{Slug(id)}/index.html";

    /// <summary>The prefix that leads from a page at <paramref name="pagePath"/> back to the site root (<c>../../</c>).</summary>
    public static string RootFrom(string pagePath)
    {
        var depth = pagePath.Count(c => c == '/');
        return depth == 0 ? "./" : string.Concat(Enumerable.Repeat("../", depth));
    }

    /// <summary>
    /// A folder name for an id: letters, digits, '.', '-' and '_' stay; anything else becomes '~' and its code in hex,
    /// so no id can climb out of its folder or collide with another's slug.
    /// </summary>
    public static string Slug(string id)
    {
        var slug = new StringBuilder(id.Length);
        foreach (var c in id)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' || (c == '.' && slug.Length > 0))
            {
                slug.Append(c);
            }
            else
            {
                slug.Append('~').Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return slug.Length == 0 ? "~" : slug.ToString();
    }
}
