using MeshGovernance.Policies.Metadata;
using MeshGovernance.Policies.Testing;
using MeshGovernance.Testing;

namespace MeshGovernance.Policies.Tests;

public sealed class PolicyTestRunnerTests
{
    private const string Policy = """
        // ---
        // id: short-names
        // title: Product names are short
        // enforcement: soft-mandatory
        // category: naming
        // rationale: Long names do not fit the catalog's cards.
        // params:
        //   maxLength: 30
        // ---
        foreach (var product in Mesh.Products.Where(p => (p.Name ?? "").Length > Params.Integer("maxLength")))
            Fail(product, "name", $"'{product.Name}' is longer than {Params.Integer("maxLength")}.");
        """;

    private static PolicyTestReport Run(string tests)
    {
        using var repo = TempMeshRepository.Valid();
        repo.WithValidMesh("governance/policies/fixtures/base/");

        repo.Write("governance/policies/short-names.tests.yaml", tests);
        var source = new PolicySource("governance/policies/short-names.csx", Policy, BuiltIn: false);
        return PolicyTestRunner.Run([source], PolicyTestFiles.Folder(repo.PathOf("governance/policies")), PolicyHarness.Options());
    }

    [Fact]
    public void Case_parameters_override_the_defaults()
    {
        var report = Run("""
            cases:
              - name: the default lets 'Orders' pass
                expect: []
              - name: a tighter limit fails it
                params:
                  maxLength: 3
                expect:
                  - subject: sales.orders
                    level: error
                    message: longer than 3
                    line: 4
            """);

        Assert.True(report.Passed, string.Join("\n", report.Cases.SelectMany(c => c.Problems)));
        Assert.Equal(2, report.Cases.Count);
    }

    [Fact]
    public void A_fixture_the_schema_rejects_fails_the_case_unless_it_says_so()
    {
        var report = Run("""
            cases:
              - name: a broken file by mistake
                files:
                  domains/sales/domain.yaml: "apiVersion: meshgov/v1\nkind: Domain\nid: sales\nowner: sales-team\ntype: nonsense\n"
                expect: []
              - name: a broken file on purpose
                allowInvalid: true
                files:
                  domains/sales/domain.yaml: "apiVersion: meshgov/v1\nkind: Domain\nid: sales\nowner: sales-team\ntype: nonsense\n"
                expect: []
            """);

        Assert.NotEmpty(report.Cases[0].Problems);
        Assert.All(report.Cases[0].Problems, p => Assert.StartsWith("the fixture is not valid (MG11", p, StringComparison.Ordinal));
        Assert.True(report.Cases[1].Passed);
    }

    [Fact]
    public void Fixture_paths_cannot_leave_the_policies_folder()
    {
        var report = Run("""
            fixture: ../../
            cases:
              - name: escapes
                files:
                  ../outside.yaml: "x: 1"
                expect: []
            """);

        Assert.Contains("not a folder inside the policies folder", Assert.Single(report.Cases).Problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_fixture_folder_that_links_out_of_the_policies_folder_is_not_read()
    {
        using var outside = TempMeshRepository.Valid();
        using var repo = TempMeshRepository.Empty();
        repo.Write("governance/policies/short-names.tests.yaml", "cases:\n  - name: linked\n    expect: []\n");
        Directory.CreateDirectory(repo.PathOf("governance/policies/fixtures"));
        Directory.CreateSymbolicLink(repo.PathOf("governance/policies/fixtures/base"), outside.Root);
        var source = new PolicySource("governance/policies/short-names.csx", Policy, BuiltIn: false);

        var report = PolicyTestRunner.Run([source], PolicyTestFiles.Folder(repo.PathOf("governance/policies")), PolicyHarness.Options());

        Assert.Contains("empty or missing", Assert.Single(Assert.Single(report.Cases).Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Misspelt_keys_and_bad_values_fail_the_case_instead_of_testing_less()
    {
        var report = Run("""
            cases:
              - name: misspelt
                param:
                  maxLength: 3
                expect:
                  - subject: sales.orders
                    level: error
                    mesage: longer
                    line: four
            """);

        var problems = Assert.Single(report.Cases).Problems;
        Assert.Contains(problems, p => p.Contains("unknown key 'param'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("unknown key 'mesage'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'line' is a line number", StringComparison.Ordinal));
    }
}
