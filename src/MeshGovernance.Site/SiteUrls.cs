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

    private const int MaxSlugLength = 120;

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
    /// A folder name for an id: lower-case letters, digits, '.', '-' and '_' stay; anything else becomes '~' and its
    /// code in hex, so no id can climb out of its folder or collide with another's slug.
    /// </summary>
    public static string Slug(string id)
    {
        var slug = new StringBuilder(id.Length);
        foreach (var c in id)
        {
            // Upper-case letters are escaped too, so that ids differing only in case never share a folder on the
            // case-insensitive file systems of macOS and Windows.
            if (char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_' || (c == '.' && slug.Length > 0))
            {
                slug.Append(c);
            }
            else
            {
                slug.Append('~').Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        if (slug.Length > 0 && slug[^1] == '.')
        {
            slug.Length--;
            slug.Append("~002e");
        }

        // Folder names are limited to 255 bytes: a long id keeps its start and gets a hash of the whole.
        if (slug.Length > MaxSlugLength)
        {
            var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(id)))[..12];
            return slug.ToString(0, MaxSlugLength - 13) + "~" + hash;
        }

        return slug.Length == 0 ? "~" : slug.ToString();
    }
}
