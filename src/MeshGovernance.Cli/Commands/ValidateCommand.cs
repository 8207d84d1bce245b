using System.CommandLine;
using MeshGovernance.Model.Loading;
using MeshGovernance.Reports;

namespace MeshGovernance.Cli.Commands;

/// <summary><c>meshgov validate</c>: load the mesh, validate every file and reference, report findings.</summary>
internal static class ValidateCommand
{
    public static Command Create(TextWriter output, TextWriter error, IReadOnlyDictionary<string, string?> environment)
    {
        var repository = CommonOptions.Repository();
        var format = CommonOptions.TextOrJson("compiler-style lines");

        var cache = new CacheOptions(environment);
        var command = new Command("validate", "Validate the mesh repository: YAML syntax, the JSON Schemas of every kind of file, and the references between files. Exit code 0 when there are no errors, 1 when there are, 2 for a usage or configuration error.")
        {
            repository,
            format,
        };
        cache.AddTo(command);
        command.SetAction(parse =>
        {
            var root = parse.GetValue(repository)!;
            if (!CommonOptions.RepositoryExists(root, error))
            {
                return ExitCodes.UsageOrConfiguration;
            }

            var (cacheRoot, valid) = cache.Read(parse, root.FullName, error);
            return valid ? Run(root, parse.GetValue(format)!, cacheRoot is null ? null : FileCache.Open(cacheRoot), output, error) : ExitCodes.UsageOrConfiguration;
        });
        return command;
    }

    private static int Run(DirectoryInfo repository, string format, FileCache? cache, TextWriter output, TextWriter error)
    {
        var result = MeshLoader.Load(repository.FullName, cache: cache);
        if (format == "json")
        {
            JsonReportWriter.Write(output, new CheckReport(result.Diagnostics, [], result.Files.Count));
        }
        else
        {
            TextReportWriter.Write(output, new CheckReport(result.Diagnostics, [], result.Files.Count));
        }

        if (result.ConfigurationError)
        {
            error.WriteLine("error: the repository has no readable mesh.yaml, so it cannot be validated as a mesh (see the findings above).");
            return ExitCodes.UsageOrConfiguration;
        }

        return result.HasErrors ? ExitCodes.Findings : ExitCodes.Success;
    }
}
