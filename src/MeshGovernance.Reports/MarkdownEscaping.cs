using System.Text;

namespace MeshGovernance.Reports;

/// <summary>Makes text from the mesh repository inert inside Markdown, for every Markdown the tool writes (reports, GitHub).</summary>
public static class MarkdownEscaping
{
    /// <summary>
    /// Text from the repository (ids, paths, messages, waiver justifications) as inert table-cell content: it
    /// cannot end the cell or the row, open a code span, emphasis, link, autolink, mention, math or HTML tag. Long text is cut first,
    /// so an escape is never cut in half.
    /// </summary>
    public static string Cell(string text, int maxLength = int.MaxValue)
    {
        text = Model.Text.Wording.Cut(text, maxLength);

        var cell = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&':
                    cell.Append("&amp;");
                    break;
                case '<':
                    cell.Append("&lt;");
                    break;
                case '>':
                    cell.Append("&gt;");
                    break;
                case '@':
                    // Not a mention: a YAML value must not notify people.
                    cell.Append("&#64;");
                    break;
                case '.' when i >= 3 && text.AsSpan(i - 3, 3).Equals("www", StringComparison.OrdinalIgnoreCase):
                    // Not a www. autolink either.
                    cell.Append("&#46;");
                    break;
                case ':' when text.AsSpan(i + 1).StartsWith("//"):
                    // Not an autolink: a URL in a YAML value stays text.
                    cell.Append("&#58;");
                    break;
                case '\\' or '|' or '`' or '*' or '_' or '[' or ']' or '~' or '$' or '#' or '!':
                    cell.Append('\\').Append(c);
                    break;
                case var control when char.IsControl(control):
                    cell.Append(' ');
                    break;
                case var invisible when Model.Diagnostics.InvisibleCharacters.IsInvisible(invisible):
                    cell.Append('\\').Append(Model.Diagnostics.InvisibleCharacters.Shown(invisible));
                    break;
                default:
                    cell.Append(c);
                    break;
            }
        }

        return cell.ToString();
    }

    /// <summary>A repository path as a URL path: each segment percent-encoded.</summary>
    public static string UrlPath(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
}
