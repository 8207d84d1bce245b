using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Testing;

namespace MeshGovernance.Policies.Tests;

/// <summary>mesh.yaml's policies section: switch a policy off, change its enforcement, set its parameters.</summary>
public sealed class ConfigurationTests
{
    private static (string, string) NamePolicy => ("name-length", PolicyHarness.Script(
        "name-length",
        """
        foreach (var product in Mesh.Products.Where(p => (p.Name ?? "").Length < Params.Integer("minLength")))
            Fail(product, "name", $"'{product.Name}' is shorter than {Params.Integer("minLength")} ({Params.String("hint")}).");
        """,
        extraMetadata: "// params:\n//   minLength: 3\n//   hint: use a descriptive name\n"));

    private static TempMeshRepository WithPolicies(string section) =>
        TempMeshRepository.Valid().Write("mesh.yaml", TempMeshRepository.ValidMesh + "\npolicies:\n" + section);

    [Fact]
    public void Defaults_apply_when_mesh_yaml_says_nothing()
    {
        using var repo = TempMeshRepository.Valid();
        var result = PolicyHarness.Check(repo, null, NamePolicy);

        Assert.True(Assert.Single(result.Policies).Ran);
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void Parameters_enforcement_and_switching_off_come_from_mesh_yaml()
    {
        using var raised = WithPolicies("  name-length:\n    enforcement: advisory\n    params:\n      minLength: 50\n      hint: be verbose\n");
        var result = PolicyHarness.Check(raised, null, NamePolicy);

        var finding = Assert.Single(result.Diagnostics, d => d.Id == "name-length");
        Assert.Equal(DiagnosticLevel.Notice, finding.Level);
        Assert.Equal(Enforcement.Advisory, finding.Policy!.Enforcement);
        Assert.Contains("shorter than 50 (be verbose)", finding.Message, StringComparison.Ordinal);
        Assert.False(result.Blocking);

        using var off = WithPolicies("  name-length:\n    enabled: false\n    params:\n      minLength: 50\n");
        var disabled = PolicyHarness.Check(off, null, NamePolicy);
        Assert.DoesNotContain(disabled.Diagnostics, d => d.Id == "name-length");
        Assert.False(Assert.Single(disabled.Policies).Enabled);
    }

    [Fact]
    public void Unknown_policies_and_parameters_and_wrong_types_are_errors_at_their_line()
    {
        using var repo = WithPolicies("  name-lenght:\n    enabled: false\n  name-length:\n    params:\n      minLen: 4\n      minLength: long\n");
        var result = PolicyHarness.Check(repo, null, NamePolicy);

        var errors = result.Diagnostics.Where(d => d.Id == "MG1308").OrderBy(d => d.Line).ToList();
        Assert.Equal(3, errors.Count);
        Assert.Equal((7, "did you mean 'name-length'"), (errors[0].Line, errors[0].Message[(errors[0].Message.IndexOf('(') + 1)..(errors[0].Message.IndexOf('?'))]));
        Assert.Equal("mesh.yaml", errors[0].File);
        Assert.Contains("no parameter 'minLen'", errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("a whole number", errors[2].Message, StringComparison.Ordinal);
        Assert.Equal(12, errors[2].Line);
    }

    [Fact]
    public void Bad_metadata_is_an_error_naming_the_file_and_line_and_the_policy_does_not_run()
    {
        using var repo = TempMeshRepository.Valid();
        var result = PolicyHarness.Check(
            repo,
            null,
            ("bad-enforcement", "// ---\n// id: bad-enforcement\n// title: T\n// enforcement: mandatory\n// category: c\n// rationale: r\n// ---\nvar x = 1;\n"),
            ("no-front-matter", "var x = 1;\n"),
            ("wrong-id", "// ---\n// id: other-id\n// title: T\n// enforcement: advisory\n// category: c\n// rationale: r\n// ---\n"),
            ("unclosed", "// ---\n// id: unclosed\n"));

        var errors = result.Diagnostics.Where(d => d.Id == "MG1301").ToDictionary(d => d.File);
        Assert.Equal(4, errors.Count);
        Assert.Equal((4, 17), (errors["governance/policies/bad-enforcement.csx"].Line, errors["governance/policies/bad-enforcement.csx"].Column));
        Assert.Contains("advisory, soft-mandatory or hard-mandatory", errors["governance/policies/bad-enforcement.csx"].Message, StringComparison.Ordinal);
        Assert.Contains("no front matter", errors["governance/policies/no-front-matter.csx"].Message, StringComparison.Ordinal);
        Assert.Equal(2, errors["governance/policies/wrong-id.csx"].Line);
        Assert.Contains("never closed", errors["governance/policies/unclosed.csx"].Message, StringComparison.Ordinal);
        Assert.Empty(result.Policies);
    }
}
