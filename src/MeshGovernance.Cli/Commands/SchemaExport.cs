using MeshGovernance.Model.Schemas;

namespace MeshGovernance.Cli.Commands;

internal static class SchemaExport
{
    /// <summary>The file names the schemas are written under.</summary>
    public static IEnumerable<string> FileNames => DocumentKinds.AllSchemaFileNames;

    /// <summary>
    /// Writes every shipped schema (one per kind, and ODCS v3.0.x) into a folder (created when absent); returns the paths written.
    /// With <paramref name="overwrite"/> false, an existing file is an error (<see cref="IOException"/>).
    /// </summary>
    public static IReadOnlyList<string> WriteAll(string folder, bool overwrite = true)
    {
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        foreach (var name in FileNames)
        {
            var path = Path.Combine(folder, name);
            using var stream = new FileStream(path, overwrite ? FileMode.Create : FileMode.CreateNew, FileAccess.Write);
            using var writer = new StreamWriter(stream);
            writer.Write(SchemaSet.ReadSchemaText(name));
            written.Add(path);
        }

        return written;
    }
}
