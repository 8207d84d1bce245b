using MeshGovernance.Testing;

namespace MeshGovernance.Cli.Tests;

public sealed class PolicyCommandTests
{
    private const string RepoPolicy = """
        // ---
        // id: products-have-tags
        // title: Products carry tags
        // enforcement: advisory
        // category: discoverability
        // rationale: Tags make products findable in the catalog.
        // ---
        foreach (var product in Mesh.Products.Where(p => p.Tags.Count == 0))
            Fail(product, $"Product '{product.Id}' has no tags.");
        """;

    private const string RepoPolicyTests = """
        fixture: fixtures/one-product
        cases:
          - name: an untagged product gets a notice
            expect:
              - subject: sales.orders
                level: notice
          - name: "this case expects the wrong thing\n::error file=mesh.yaml::forged"
            expect: []
        """;

    private static TempMeshRepository WithRepoPolicy()
    {
        var repo = TempMeshRepository.Valid()
            .Write("governance/policies/products-have-tags.csx", RepoPolicy)
            .Write("governance/policies/products-have-tags.tests.yaml", RepoPolicyTests);
        repo.WithValidMesh("governance/policies/fixtures/one-product/");

        return repo;
    }

    [Fact]
    public void Policy_list_shows_id_enforcement_category_source_and_title()
    {
        using var repo = WithRepoPolicy();

        var run = CliRun.Of("policy", "list", "--repo", repo.Root);

        Assert.Equal(0, run.ExitCode);
        var lines = run.Output.Split('\n');
        Assert.StartsWith("ID ", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("product-has-owner ", StringComparison.Ordinal) && l.Contains("hard-mandatory", StringComparison.Ordinal) && l.Contains("built-in", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("products-have-tags ", StringComparison.Ordinal) && l.Contains("advisory", StringComparison.Ordinal) && l.Contains("governance/policies/products-have-tags.csx", StringComparison.Ordinal) && l.Contains("Products carry tags", StringComparison.Ordinal));
    }

    [Fact]
    public void Policy_test_reports_each_case_and_a_readable_difference()
    {
        using var repo = WithRepoPolicy();

        var run = CliRun.Of("policy", "test", "--repo", repo.Root, "--no-builtin", "--no-cache");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("PASS products-have-tags: an untagged product gets a notice", run.Output, StringComparison.Ordinal);
        Assert.Contains("FAIL products-have-tags: this case expects the wrong thing\\n::error file=mesh.yaml::forged", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(run.Output.Split('\n'), l => l.StartsWith("::", StringComparison.Ordinal));
        Assert.Contains("+ reported, not expected: notice on sales.orders at domains/sales/products/orders.odps.yaml", run.Output, StringComparison.Ordinal);
        Assert.Contains("PASS: 1/2  FAIL: 1", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Policy_test_passes_for_the_built_in_pack()
    {
        using var repo = TempMeshRepository.Valid();

        var run = CliRun.Of("policy", "test", "--repo", repo.Root, "--no-cache");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("PASS product-has-owner:", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("FAIL", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_shows_a_built_in_policy_with_its_help_page()
    {
        var run = CliRun.Of("explain", "product-has-owner");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("product-has-owner: Every data product names an owner team that exists (hard-mandatory, ownership)", run.Output, StringComparison.Ordinal);
        Assert.Contains("## How to fix", run.Output, StringComparison.Ordinal);
    }
}
