using MeshGovernance.Reports;
using MeshGovernance.Model.Text;

namespace MeshGovernance.GitHub;

/// <summary>
/// Text from the mesh repository (ids, paths, messages, justifications) made inert inside GitHub Markdown: it
/// cannot close a table cell, start HTML, a link, a mention or emphasis, or run onto another line.
/// </summary>
internal static class MarkdownText
{
    public static string Cell(string text, int maxLength = 500) => MarkdownEscaping.Cell(Wording.Cut(text, maxLength));
}
