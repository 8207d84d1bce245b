using System.CommandLine;

namespace MeshGovernance.Cli.Commands;

/// <summary><c>meshgov init DIR</c>: create a mesh repository from the bundled template, never overwriting a file.</summary>
internal static class InitCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var directory = new Argument<DirectoryInfo>("dir")
        {
            Description = "Folder for the new mesh repository; created when absent. Existing files are never overwritten.",
        };
        var command = new Command("init", "Create a new mesh repository from the template: an example mesh, editor schemas, CODEOWNERS and workflows.") { directory };
        command.SetAction(parse => Run(parse.GetValue(directory)!, output, error));
        return command;
    }

    private static int Run(DirectoryInfo target, TextWriter output, TextWriter error)
    {
        var build = BuildInfo.Current;
        if (File.Exists(target.FullName))
        {
            error.WriteLine($"error: dir: '{target.FullName}' is a file; pass a folder.");
            return ExitCodes.UsageOrConfiguration;
        }

        var files = TemplateFiles.All();
        var schemaFolder = Path.Combine(target.FullName, ".meshgov", "schemas");
        var conflicts = files.Select(f => f.RelativePath)
            .Concat(SchemaExport.FileNames.Select(name => $".meshgov/schemas/{name}"))
            .Where(path => File.Exists(Path.Combine(target.FullName, path)) || Directory.Exists(Path.Combine(target.FullName, path)))
            .ToList();
        if (conflicts.Count > 0)
        {
            error.WriteLine($"error: dir: '{target.FullName}' already holds {conflicts.Count} of the template's files; nothing was written:");
            foreach (var conflict in conflicts.Take(20))
            {
                error.WriteLine($"  {conflict}");
            }

            error.WriteLine("Choose an empty folder, or move those files away first.");
            return ExitCodes.UsageOrConfiguration;
        }

        try
        {
            foreach (var file in files)
            {
                var path = Path.Combine(target.FullName, file.RelativePath);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                using var destination = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
                if (WorkflowPinning.AppliesTo(file.RelativePath))
                {
                    using var writer = new StreamWriter(destination, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                    writer.Write(WorkflowPinning.Pin(file.ReadText(), build));
                }
                else
                {
                    file.CopyTo(destination);
                }
            }

            SchemaExport.WriteAll(schemaFolder, overwrite: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: dir: cannot write to '{target.FullName}': {ex.Message}");
            return ExitCodes.UsageOrConfiguration;
        }

        output.WriteLine($"Created a mesh repository in {target.FullName} ({files.Count} files, plus the editor schemas in .meshgov/schemas).");
        output.WriteLine(build.IsRelease
            ? $"Its workflows run meshgov {build.Version} through {build.Repository}@{build.ShortCommit}."
            : $"Its workflows run meshgov {WorkflowPinning.TemplateVersion} ({WorkflowPinning.TemplateReference}): this meshgov, {build.Version}, is not a release. Change both in .github/workflows/ to run another.");
        output.WriteLine($"Next: cd {target.FullName} && meshgov validate");
        return ExitCodes.Success;
    }
}
