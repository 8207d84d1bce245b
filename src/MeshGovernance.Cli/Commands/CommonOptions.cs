using System.CommandLine;

namespace MeshGovernance.Cli.Commands;

internal static class CommonOptions
{
    public static Option<DirectoryInfo> Repository() => new("--repo", "-r")
    {
        Description = "The mesh repository's root folder (the one holding mesh.yaml).",
        HelpName = "DIR",
        DefaultValueFactory = _ => new DirectoryInfo("."),
    };

    /// <summary>--format for the commands that write either a human or a machine report.</summary>
    public static Option<string> TextOrJson(string textDescription)
    {
        var format = new Option<string>("--format", "-f")
        {
            Description = $"Output format: text ({textDescription}) or json.",
            HelpName = "text|json",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json");
        return format;
    }

    /// <summary>Checks that --repo names an existing directory; writes the error and returns false when not.</summary>
    public static bool RepositoryExists(DirectoryInfo repository, TextWriter error)
    {
        if (repository.Exists)
        {
            return true;
        }

        error.WriteLine(File.Exists(repository.FullName)
            ? $"error: --repo: '{repository.FullName}' is a file; pass the repository's root folder."
            : $"error: --repo: the directory '{repository.FullName}' does not exist.");
        return false;
    }
}
