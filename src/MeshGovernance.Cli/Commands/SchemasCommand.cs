using System.CommandLine;

namespace MeshGovernance.Cli.Commands;

/// <summary><c>meshgov schemas</c>: write the JSON Schemas for editors (the YAML language server).</summary>
internal static class SchemasCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var outDir = new Option<DirectoryInfo>("--out", "-o")
        {
            Description = "Folder to write the schemas to; the template's .vscode/settings.json expects .meshgov/schemas.",
            HelpName = "DIR",
            DefaultValueFactory = _ => new DirectoryInfo(Path.Combine(".meshgov", "schemas")),
        };
        var command = new Command("schemas", "Write the JSON Schemas of the kinds of mesh file (the five of the mesh, the waivers and the baseline of governance/, and ODCS v3.0.0 to v3.0.2), so editors validate YAML as you type.") { outDir };
        command.SetAction(parse =>
        {
            var target = parse.GetValue(outDir)!;
            try
            {
                var written = SchemaExport.WriteAll(target.FullName);
                output.WriteLine($"Wrote {written.Count} schemas to {target.FullName}.");
                return ExitCodes.Success;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"error: --out: cannot write to '{target.FullName}': {ex.Message}");
                return ExitCodes.UsageOrConfiguration;
            }
        });
        return command;
    }
}
