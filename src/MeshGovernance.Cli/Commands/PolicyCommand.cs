using System.CommandLine;

namespace MeshGovernance.Cli.Commands;

/// <summary><c>meshgov policy</c>: work with the policies themselves (list them, test them).</summary>
internal static class PolicyCommand
{
    public static Command Create(TextWriter output, TextWriter error, PolicyWorkers workers) =>
        new("policy", "Work with the policies: list them, run their tests, set up an editor for writing them.")
        {
            PolicyListCommand.Create(output, error),
            PolicyTestCommand.Create(output, error, workers),
            PolicyEditorSetupCommand.Create(output, error),
        };
}
