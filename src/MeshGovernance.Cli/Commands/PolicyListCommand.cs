using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Loading;
using MeshGovernance.Policies.Engine;
using MeshGovernance.Reports;

namespace MeshGovernance.Cli.Commands;

/// <summary><c>meshgov policy list</c>: every policy with its id, enforcement (as mesh.yaml sets it), category and title.</summary>
internal static class PolicyListCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var repository = CommonOptions.Repository();
        var format = CommonOptions.TextOrJson("a table");
        var command = new Command("list", "List the policies that apply to the mesh: the built-in pack and governance/policies/*.csx, with the enforcement and on/off state mesh.yaml gives them. Nothing is compiled.")
        {
            repository,
            format,
        };
        command.SetAction(parse =>
        {
            var root = parse.GetValue(repository)!;
            if (!CommonOptions.RepositoryExists(root, error))
            {
                return ExitCodes.UsageOrConfiguration;
            }

            var load = MeshLoader.Load(root.FullName);
            var set = PolicySet.Load(load);
            if (parse.GetValue(format) == "json")
            {
                WriteJson(set, output);
            }
            else
            {
                WriteTable(set, output);
            }

            foreach (var problem in set.Diagnostics)
            {
                error.WriteLine(TextReportWriter.OneLine($"{problem.Span}: {problem.Level.ToString().ToLowerInvariant()} {problem.Id}: {problem.Message}"));
            }

            return set.Diagnostics.Any(d => d.Level == DiagnosticLevel.Error) ? ExitCodes.UsageOrConfiguration : ExitCodes.Success;
        });
        return command;
    }

    private static void WriteTable(PolicySet set, TextWriter output)
    {
        var rows = set.Policies
            .Select(p => new[] { p.Id, p.Enabled ? p.Enforcement.ToName() : "disabled", p.Declared.Category, p.Source.BuiltIn ? "built-in" : p.Source.Path, p.Declared.Title }.Select(TextReportWriter.OneLine).ToArray())
            .ToList();
        string[] header = ["ID", "ENFORCEMENT", "CATEGORY", "SOURCE", "TITLE"];
        var widths = Enumerable.Range(0, header.Length - 1).Select(i => rows.Select(r => r[i].Length).Append(header[i].Length).Max()).ToArray();
        foreach (var row in rows.Prepend(header))
        {
            output.WriteLine(string.Join("  ", row.Take(header.Length - 1).Select((cell, i) => cell.PadRight(widths[i]))) + "  " + row[^1]);
        }

        output.WriteLine();
        output.WriteLine($"{set.Policies.Count} {(set.Policies.Count == 1 ? "policy" : "policies")}, {set.Policies.Count(p => p.Enabled)} enabled. 'meshgov explain ID' shows a policy's rationale and help.");
    }

    private static void WriteJson(PolicySet set, TextWriter output)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            foreach (var policy in set.Policies)
            {
                json.WriteStartObject();
                json.WriteString("id", policy.Id);
                json.WriteString("title", policy.Declared.Title);
                json.WriteString("enforcement", policy.Enforcement.ToName());
                json.WriteBoolean("enabled", policy.Enabled);
                json.WriteString("category", policy.Declared.Category);
                json.WriteString("rationale", policy.Declared.Rationale);
                json.WriteString("source", policy.Source.Path);
                json.WriteBoolean("builtIn", policy.Source.BuiltIn);
                json.WriteStartArray("scope");
                foreach (var kind in policy.Declared.Scope)
                {
                    json.WriteStringValue(kind.ToString().ToLowerInvariant());
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
