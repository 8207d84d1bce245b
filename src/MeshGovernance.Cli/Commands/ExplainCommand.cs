using System.CommandLine;
using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Policies.BuiltIn;
using MeshGovernance.Policies.Metadata;
using MeshGovernance.Results;

namespace MeshGovernance.Cli.Commands;

/// <summary><c>meshgov explain [ID]</c>: what a diagnostic means and what to do about it.</summary>
internal static class ExplainCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var id = new Argument<string?>("id")
        {
            Description = "A diagnostic id such as MG1001, or a built-in policy id such as product-has-owner. Without one, every id is listed.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("explain", "Explain a diagnostic or a built-in policy: what it means, why, and how to fix it.") { id };
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

            foreach (var policy in BuiltInPolicies.Sources.Select(s => PolicyMetadataReader.Read(s).Metadata).OfType<PolicyMetadata>())
            {
                output.WriteLine($"{policy.Id}  {policy.Title}");
            }

            return ExitCodes.Success;
        }

        if (DiagnosticCatalog.Find(id) is not { } found)
        {
            var policy = BuiltInPolicies.Sources.Select(s => PolicyMetadataReader.Read(s).Metadata).OfType<PolicyMetadata>().FirstOrDefault(p => p.Id == id);
            if (policy is null)
            {
                error.WriteLine($"error: id: '{id}' is neither a meshgov diagnostic id nor a built-in policy. Run 'meshgov explain' to list them; 'meshgov policy list' lists your mesh's own policies too.");
                return ExitCodes.UsageOrConfiguration;
            }

            output.WriteLine($"{policy.Id}: {policy.Title} ({policy.Enforcement.ToName()}, {policy.Category})");
            output.WriteLine();
            output.WriteLine(policy.Rationale);
            if (BuiltInPolicies.HelpPage(policy.Id) is { } page)
            {
                output.WriteLine();
                output.WriteLine(page.TrimEnd());
            }

            return ExitCodes.Success;
        }

        output.WriteLine($"{found.Id}: {found.Title} ({found.DefaultLevel.ToString().ToLowerInvariant()})");
        output.WriteLine();
        output.WriteLine(found.Help);
        return ExitCodes.Success;
    }
}
