using MeshGovernance.Model.Schemas;

namespace MeshGovernance.Cli.Commands;

internal static class SchemaExport
{
    /// <summary>The file names the schemas are written under.</summary>
    public static IEnumerable<string> FileNames => Enum.GetValues<DocumentKind>().Select(k => k.SchemaFileName());

    /// <summary>
    /// Writes every kind's schema into a folder (created when absent); returns the paths written.
    /// With <paramref name="overwrite"/> false, an existing file is an error (<see cref="IOException"/>).
    /// </summary>
    public static IReadOnlyList<string> WriteAll(string folder, bool overwrite = true)
    {
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        foreach (var kind in Enum.GetValues<DocumentKind>())
        {
            var path = Path.Combine(folder, kind.SchemaFileName());
            using var stream = new FileStream(path, overwrite ? FileMode.Create : FileMode.CreateNew, FileAccess.Write);
            using var writer = new StreamWriter(stream);
            writer.Write(SchemaSet.ReadSchemaText(kind));
            written.Add(path);
        }

        return written;
    }
}
