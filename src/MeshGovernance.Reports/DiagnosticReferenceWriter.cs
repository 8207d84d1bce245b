using MeshGovernance.Model.Diagnostics;

namespace MeshGovernance.Reports;

/// <summary>Renders the help entry of every diagnostic id as the Markdown page docs/diagnostics.md.</summary>
public static class DiagnosticReferenceWriter
{
    public static string ToMarkdown(IEnumerable<DiagnosticDescriptor> descriptors)
    {
        var list = descriptors.ToList();
        var page = new System.Text.StringBuilder();
        page.Append("# Diagnostics\n\n");
        page.Append("Every finding meshgov reports carries one of these stable ids. `meshgov explain ID` prints the same text.\n");
        page.Append("This page is generated from the catalog in code; refresh it with `MESHGOV_UPDATE_GOLDEN=1 dotnet test`.\n\n");
        page.Append("| id | level | title |\n|---|---|---|\n");
        foreach (var d in list)
        {
            page.Append($"| [{d.Id}](#{d.Id.ToLowerInvariant()}) | {d.DefaultLevel.Name()} | {d.Title} |\n");
        }

        foreach (var d in list)
        {
            page.Append($"\n## {d.Id}\n\n**{d.Title}** ({d.DefaultLevel.Name()})\n\n{d.Help}\n");
        }

        return page.ToString();
    }
}
