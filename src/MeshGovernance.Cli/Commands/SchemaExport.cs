using MeshGovernance.Model.Schemas;

namespace MeshGovernance.Cli.Commands;

internal static class SchemaExport
{
    /// <summary>Writes every kind's schema into a folder (created when absent); returns the paths written.</summary>
    public static IReadOnlyList<string> WriteAll(string folder)
    {
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        foreach (var kind in Enum.GetValues<DocumentKind>())
        {
            var path = Path.Combine(folder, kind.SchemaFileName());
            File.WriteAllText(path, SchemaSet.ReadSchemaText(kind));
            written.Add(path);
        }

        return written;
    }
}
