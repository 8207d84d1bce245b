using System.Text;

namespace MeshGovernance.GitHub;

/// <summary>
/// Text from the mesh repository (ids, paths, messages, justifications) made inert inside GitHub Markdown: it
/// cannot close a table cell, start HTML, a link, a mention or emphasis, or run onto another line.
/// </summary>
internal static class MarkdownText
{
    public static string Cell(string text, int maxLength = 500)
    {
        text = TextLimits.CutChars(text, maxLength);
        var cell = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '<':
                    cell.Append("&lt;");
                    break;
                case '>':
                    cell.Append("&gt;");
                    break;
                case '&':
                    cell.Append("&amp;");
                    break;
                case '@':
                    // A YAML value must not notify a user or team.
                    cell.Append("&#64;");
                    break;
                case ':' when i + 2 < text.Length && text[i + 1] == '/' && text[i + 2] == '/':
                    // Nor turn into a link.
                    cell.Append("&#58;");
                    break;
                case '.' when i >= 3 && text.AsSpan(i - 3, 3).Equals("www", StringComparison.OrdinalIgnoreCase):
                    cell.Append("&#46;");
                    break;
                case '|' or '\\' or '`' or '*' or '_' or '[' or ']' or '~' or '$' or '#' or '!':
                    cell.Append('\\').Append(c);
                    break;
                case var control when char.IsControl(control):
                    cell.Append(' ');
                    break;
                default:
                    cell.Append(c);
                    break;
            }
        }

        return cell.ToString();
    }

    /// <summary>A path as a URL path: each segment percent-encoded.</summary>
    public static string UrlPath(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
}
