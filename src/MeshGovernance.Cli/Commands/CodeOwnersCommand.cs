using System.CommandLine;
using MeshGovernance.GitHub;
using MeshGovernance.Model.Loading;

namespace MeshGovernance.Cli.Commands;

/// <summary>
/// <c>meshgov codeowners</c>: writes <c>.github/CODEOWNERS</c> from the ownership in the mesh, or with <c>--check</c>
/// verifies that it is up to date (exit 1 and the differing lines when not), so a CI job keeps it in step.
/// </summary>
internal static class CodeOwnersCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var repository = CommonOptions.Repository();
        var check = new Option<bool>("--check")
        {
            Description = "Do not write: exit 1, printing the differing lines, when .github/CODEOWNERS is not what the mesh says.",
        };
        var command = new Command("codeowners", "Write .github/CODEOWNERS from the mesh: each domain folder owned by its team, governance/, mesh.yaml, teams/ and .github/ by the governance group.")
        {
            repository,
            check,
        };
        command.SetAction(parse =>
        {
            var root = parse.GetValue(repository)!;
            if (!CommonOptions.RepositoryExists(root, error))
            {
                return ExitCodes.UsageOrConfiguration;
            }

            var load = MeshLoader.Load(root.FullName);
            if (load.ConfigurationError)
            {
                error.WriteLine($"error: --repo: '{root.FullName}' has no readable mesh.yaml; run 'meshgov validate' to see why.");
                return ExitCodes.UsageOrConfiguration;
            }

            var (content, problem) = CodeOwnersFile.Generate(load.Mesh);
            if (content is null)
            {
                error.WriteLine("error: " + problem);
                return ExitCodes.UsageOrConfiguration;
            }

            var path = Path.Combine(root.FullName, ".github", "CODEOWNERS");
            if (load.HasErrors)
            {
                error.WriteLine("warning: the mesh has validation errors ('meshgov validate'); CODEOWNERS is derived from what could be read.");
            }

            return parse.GetValue(check) ? Verify(path, content, output, error) : Write(path, content, output, error);
        });
        return command;
    }

    private static int Verify(string path, string expected, TextWriter output, TextWriter error)
    {
        string? actual;
        try
        {
            actual = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: cannot read {CodeOwnersFile.RelativePath}: {ex.Message}");
            return ExitCodes.UsageOrConfiguration;
        }

        if (actual == expected)
        {
            output.WriteLine($"{CodeOwnersFile.RelativePath} is up to date.");
            return ExitCodes.Success;
        }

        error.WriteLine(actual is null
            ? $"{CodeOwnersFile.RelativePath} is missing; run 'meshgov codeowners' to write it."
            : $"{CodeOwnersFile.RelativePath} differs from the ownership in the mesh; run 'meshgov codeowners' to rewrite it:");
        var expectedLines = expected.Split('\n');
        var actualLines = actual?.Split('\n') ?? [];
        foreach (var line in actualLines.Except(expectedLines).Where(l => l.Length > 0))
        {
            error.WriteLine("- " + line);
        }

        foreach (var line in expectedLines.Except(actualLines).Where(l => l.Length > 0))
        {
            error.WriteLine("+ " + line);
        }

        return ExitCodes.Findings;
    }

    private static int Write(string path, string content, TextWriter output, TextWriter error)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
            output.WriteLine($"Wrote {CodeOwnersFile.RelativePath}.");
            return ExitCodes.Success;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: cannot write {CodeOwnersFile.RelativePath}: {ex.Message}");
            return ExitCodes.UsageOrConfiguration;
        }
    }
}
