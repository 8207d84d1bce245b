using System.CommandLine;
using MeshGovernance.Model.Diagnostics;

namespace MeshGovernance.Cli.Commands;

/// <summary><c>meshgov explain [ID]</c>: what a diagnostic means and what to do about it.</summary>
internal static class ExplainCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var id = new Argument<string?>("id")
        {
            Description = "A diagnostic id such as MG1001. Without one, every id is listed.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("explain", "Explain a diagnostic id: what it means and how to fix it.") { id };
        command.SetAction(parse => Run(parse.GetValue(id), output, error));
        return command;
    }

    private static int Run(string? id, TextWriter output, TextWriter error)
    {
        if (id is null)
        {
            foreach (var descriptor in DiagnosticCatalog.All)
            {
                output.WriteLine($"{descriptor.Id}  {descriptor.Title}");
            }

            return ExitCodes.Success;
        }

        if (DiagnosticCatalog.Find(id) is not { } found)
        {
            error.WriteLine($"error: id: '{id}' is not a meshgov diagnostic id. Run 'meshgov explain' to list them.");
            return ExitCodes.UsageOrConfiguration;
        }

        output.WriteLine($"{found.Id}: {found.Title} ({found.DefaultLevel.ToString().ToLowerInvariant()})");
        output.WriteLine();
        output.WriteLine(found.Help);
        return ExitCodes.Success;
    }
}
