using System.CommandLine;
using MeshGovernance.Cli.Commands;
using MeshGovernance.GitHub;

namespace MeshGovernance.Cli;

/// <summary>
/// The <c>meshgov</c> command line. The only place that knows about the console and exit codes; it runs
/// in-process in tests with its output captured, and with an environment of their own.
/// </summary>
public sealed class MeshgovApp(TextWriter output, TextWriter error, IReadOnlyDictionary<string, string?>? environment = null)
{
    private readonly IReadOnlyDictionary<string, string?> _environment = environment ?? ActionsContext.ProcessEnvironment();

    /// <summary>Runs a command to its end; for tests and other callers without a loop of their own.</summary>
    public int Run(IReadOnlyList<string> args) => Task.Run(() => RunAsync(args, CancellationToken.None)).GetAwaiter().GetResult();

    /// <summary>Runs a command; Ctrl+C (or <paramref name="cancellationToken"/>) cancels what can be cancelled: posting to GitHub, writing the site.</summary>
    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        using var workers = new PolicyWorkers(_environment);
        var root = new RootCommand("meshgov: policy-as-code governance for a data mesh. Validates domains, ODPS data products and ODCS data contracts kept as YAML in one repository, and evaluates the federated policies over them.")
        {
            ValidateCommand.Create(output, error, _environment),
            CheckCommand.Create(output, error, _environment, workers),
            BaselineCommand.Create(output, error, workers),
            PolicyCommand.Create(output, error, workers),
            InitCommand.Create(output, error),
            ExplainCommand.Create(output, error),
            SchemasCommand.Create(output, error),
            CodeOwnersCommand.Create(output, error),
            DiffCommand.Create(output, error, _environment),
            SiteCommand.Create(output, error, workers),
            MigrateCommand.Create(output, error),
        };

        var version = root.Options.OfType<VersionOption>().Single();
        version.Description = "Show the version and the commit meshgov was built from.";
        version.Action = new PrintVersionAction(output);

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var parseError in parse.Errors)
            {
                error.WriteLine($"error: {Culprit(parseError)}{parseError.Message.Replace("\n\t", " ").Replace("\n", " ")}");
            }

            var names = new List<string>();
            for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
            {
                names.Insert(0, result.Command is RootCommand ? "meshgov" : result.Command.Name);
            }

            var command = string.Join(' ', names);
            error.WriteLine($"Run '{command} --help' for usage.");
            return ExitCodes.UsageOrConfiguration;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (OperationCanceledException ex) when (ex.CancellationToken.IsCancellationRequested)
        {
            error.WriteLine("Cancelled.");
            return ExitCodes.Cancelled;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            error.WriteLine($"internal error: {ex.GetType().Name}: {ex.Message}");
            error.WriteLine("This is a defect in meshgov. Please report it with the command you ran; set MESHGOV_DEBUG=1 to print the stack trace.");
            if (_environment.GetValueOrDefault("MESHGOV_DEBUG") == "1")
            {
                error.WriteLine(ex.ToString());
            }

            return ExitCodes.InternalError;
        }
    }

    private sealed class PrintVersionAction(TextWriter output) : System.CommandLine.Invocation.SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            output.WriteLine(BuildInfo.Current.Describe());
            return ExitCodes.Success;
        }
    }

    /// <summary>"--format: " for an error about an option's value, so the message names the offending argument.</summary>
    private static string Culprit(System.CommandLine.Parsing.ParseError parseError) => parseError.SymbolResult switch
    {
        System.CommandLine.Parsing.OptionResult option => option.Option.Name + ": ",
        System.CommandLine.Parsing.ArgumentResult { Parent: System.CommandLine.Parsing.OptionResult option } => option.Option.Name + ": ",
        System.CommandLine.Parsing.ArgumentResult argument => argument.Argument.Name + ": ",
        _ => string.Empty,
    };
}
