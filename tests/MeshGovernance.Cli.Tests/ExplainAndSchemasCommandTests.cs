using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Testing;

namespace MeshGovernance.Cli.Tests;

public class ExplainAndSchemasCommandTests
{
    [Fact]
    public void Explain_prints_the_help_entry_of_an_id_in_any_case()
    {
        var run = CliRun.Of("explain", "mg1106");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("MG1106: Conditional rule not met (error)", run.Output);
        Assert.Contains(DiagnosticCatalog.SchemaConditional.Help, run.Output);
    }

    [Fact]
    public void Explain_without_an_id_lists_every_id()
    {
        var run = CliRun.Of("explain");

        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(DiagnosticCatalog.All.Count + Policies.BuiltIn.BuiltInPolicies.Sources.Count, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("MG1401  ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("product-has-owner  ", StringComparison.Ordinal));
    }

    [Fact]
    public void Explain_of_an_unknown_id_is_a_usage_error()
    {
        var run = CliRun.Of("explain", "MG9999");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: id: 'MG9999' is neither a meshgov diagnostic id nor a built-in policy.", run.Error);
    }

    [Fact]
    public void Schemas_writes_every_schema_and_the_template_maps_one_per_kind()
    {
        using var target = TempMeshRepository.Empty();

        var run = CliRun.Of("schemas", "--out", target.Root);

        Assert.Equal(0, run.ExitCode);
        var written = Directory.GetFiles(target.Root).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(new[] { "baseline.schema.json", "domain.schema.json", "mesh.schema.json", "odcs-v3.0.0.schema.json", "odcs-v3.0.1.schema.json", "odcs-v3.0.2.schema.json", "odcs-v3.1.schema.json", "odps-v1.0.schema.json", "team.schema.json", "waivers.schema.json" }, written);
        // Editors map schemas by file name; an ODCS v3.0.x contract has the same names as a v3.1 one, so only
        // the v3.1 schema is mapped (the v3.0.x ones are written for a per-file mapping by hand).
        var settings = File.ReadAllText(Path.Combine(RepositoryPaths.Template, ".vscode", "settings.json"));
        Assert.All(written.Where(name => !name!.StartsWith("odcs-v3.0.", StringComparison.Ordinal)), name => Assert.Contains(".meshgov/schemas/" + name, settings));
        Assert.All(written, name => Assert.Equal(File.ReadAllText(Path.Combine(RepositoryPaths.ProjectRoot, "schemas", name!)), File.ReadAllText(Path.Combine(target.Root, name!))));
    }
}
