using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Loading;
using MeshGovernance.Testing;

namespace MeshGovernance.Model.Tests.Loading;

public class MeshLoaderTests
{
    [Fact]
    public void A_valid_mesh_loads_without_findings_and_links_the_graph()
    {
        using var repo = TempMeshRepository.Valid();

        var result = MeshLoader.Load(repo.Root);

        Assert.Empty(result.Diagnostics);
        Assert.False(result.ConfigurationError);
        var product = Assert.Single(result.Mesh.Products);
        Assert.Equal("sales", product.Domain!.Id);
        Assert.Equal("sales-team", product.Team!.Id);
        Assert.Same(result.Mesh.Contracts[0], product.OutputPorts[0].Contract);
        Assert.Same(result.Mesh.FindTeam("sales-team"), result.Mesh.FindDomain("sales")!.Owner);
        Assert.Equal(new[] { "orders", "orders.order_id", "orders.ordered_at" }, result.Mesh.Contracts[0].AllElements().Select(e => e.Path));
    }

    [Fact]
    public void Hands_the_scanned_layout_to_the_caller_before_reading_the_files()
    {
        using var repo = TempMeshRepository.Valid().Write("governance/policies/owned.csx", "// a policy script\n");
        RepositoryLayout? handed = null;
        var calls = 0;

        var load = MeshLoader.Load(repo.Root, scanned: layout =>
        {
            calls++;
            handed = layout;
            // The files are not read yet: one removed now is not found by the load.
            File.Delete(repo.PathOf("domains/sales/domain.yaml"));
        });

        Assert.Equal(1, calls);
        Assert.Same(load.Layout, handed);
        Assert.Equal(["governance/policies/owned.csx"], handed!.PolicyScripts.Select(s => s.RelativePath));
        Assert.Contains(load.Diagnostics, d => d.File == "domains/sales/domain.yaml" && d.Id == DiagnosticCatalog.FileUnreadable.Id);
    }

    [Fact]
    public void Builds_consumer_edges_across_domains()
    {
        using var repo = TempMeshRepository.Valid()
            .Write("domains/marketing/domain.yaml", TempMeshRepository.ValidDomain.Replace("id: sales", "id: marketing").Replace("source-aligned", "consumer-aligned"))
            .Write("domains/marketing/products/segments.odps.yaml", """
                apiVersion: v1.0.0
                kind: DataProduct
                id: marketing.segments
                status: active
                inputPorts:
                  - name: orders
                    version: 1.0.0
                    contractId: sales.orders.v1
                """);

        var result = MeshLoader.Load(repo.Root);

        Assert.Empty(result.Diagnostics);
        var edge = Assert.Single(result.Mesh.ConsumerEdges);
        Assert.Equal(("marketing.segments", "sales.orders.v1"), (edge.Consumer.Id, edge.Contract.Id));
        Assert.Equal("sales.orders", Assert.Single(edge.Providers).Id);
        Assert.True(edge.CrossesDomains);
        Assert.Same(edge.Port, Assert.Single(result.Mesh.FindContract("sales.orders.v1")!.Consumers));
    }

    public static TheoryData<string, string, string, string, int> BrokenReferences => new()
    {
        // id, file, replace, with, line of the finding
        { "MG1202", "domains/sales/products/orders.odps.yaml", "contractId: sales.orders.v1", "contractId: sales.orderz.v1", 12 },
        { "MG1204", "domains/sales/domain.yaml", "owner: sales-team", "owner: nobody", 6 },
        { "MG1205", "domains/sales/products/orders.odps.yaml", "name: sales-team", "name: ghosts", 8 },
        { "MG1205", "domains/sales/contracts/orders.odcs.yaml", "name: sales-team", "name: ghosts", 9 },
        { "MG1205", "mesh.yaml", "team: governance", "team: council", 5 },
        { "MG1206", "teams/sales-team.yaml", "username: bob", "username: Alice", 9 },
        { "MG1209", "domains/sales/products/orders.odps.yaml", "domain: sales", "domain: finance", 6 },
        { "MG1209", "domains/sales/contracts/orders.odcs.yaml", "domain: sales", "domain: finance", 7 },
        { "MG1210", "domains/sales/domain.yaml", "id: sales", "id: selling", 3 },
        { "MG1210", "teams/sales-team.yaml", "id: sales-team", "id: sellers", 3 },
    };

    [Theory]
    [MemberData(nameof(BrokenReferences))]
    public void Reports_a_reference_that_does_not_resolve_at_the_offending_node(string id, string file, string replace, string with, int line)
    {
        using var repo = TempMeshRepository.Valid();
        var original = File.ReadAllText(repo.PathOf(file));
        Assert.Contains(replace, original);
        repo.Write(file, original.Replace(replace, with));

        var result = MeshLoader.Load(repo.Root);

        var finding = Assert.Single(result.Diagnostics, d => d.Id == id);
        Assert.Equal((file, line, DiagnosticLevel.Error), (finding.File, finding.Line, finding.Level));
        Assert.False(string.IsNullOrEmpty(finding.Subject));
    }

    [Fact]
    public void Reports_an_input_port_consuming_an_unknown_contract_with_a_suggestion()
    {
        using var repo = TempMeshRepository.Valid().Write("domains/sales/products/returns.odps.yaml", """
            apiVersion: v1.0.0
            kind: DataProduct
            id: sales.returns
            status: active
            inputPorts:
              - name: orders
                version: 1.0.0
                contractId: sales.order.v1
            """);

        var finding = Assert.Single(MeshLoader.Load(repo.Root).Diagnostics);

        Assert.Equal(("MG1203", 8, "sales.returns"), (finding.Id, finding.Line, finding.Subject));
        Assert.EndsWith("which is not in the mesh. Did you mean 'sales.orders.v1'?", finding.Message);
    }

    [Fact]
    public void Reports_duplicate_product_and_contract_ids_at_the_later_file()
    {
        using var repo = TempMeshRepository.Valid()
            .Write("domains/sales/products/orders2.odps.yaml", TempMeshRepository.ValidProduct)
            .Write("domains/sales/contracts/orders2.odcs.yaml", TempMeshRepository.ValidContract);

        var findings = MeshLoader.Load(repo.Root).Diagnostics;

        var product = Assert.Single(findings, d => d.Id == "MG1207");
        var contract = Assert.Single(findings, d => d.Id == "MG1208");
        Assert.Equal("domains/sales/products/orders2.odps.yaml", product.File);
        Assert.Contains("domains/sales/products/orders.odps.yaml", product.Message);
        Assert.Equal("domains/sales/contracts/orders2.odcs.yaml", contract.File);
    }

    [Fact]
    public void Reports_products_in_a_domain_folder_without_domain_yaml()
    {
        using var repo = TempMeshRepository.Valid().Delete("domains/sales/domain.yaml");

        var findings = MeshLoader.Load(repo.Root).Diagnostics;

        Assert.Equal(2, findings.Count(d => d.Id == "MG1201"));
        Assert.Contains(findings, d => d.Id == "MG1201" && d.File == "domains/sales/products/orders.odps.yaml" && d.Subject == "sales.orders");
    }

    [Theory]
    [InlineData("domains/sales/products/orders.yaml", "<name>.odps.yaml")]
    [InlineData("domains/sales/contracts/orders.odsc.yaml", "<name>.odcs.yaml")]
    [InlineData("domains/sales/notes.txt", "domain.yaml")]
    [InlineData("domains/sales/products/old/orders.odps.yaml", "without sub-folders")]
    [InlineData("domains/sales/pipelines/job.py", "domain.yaml, products/ and contracts/")]
    [InlineData("domains/stray.yaml", "one folder per domain")]
    [InlineData("teams/sales.json", "<team>.yaml")]
    public void Reports_unknown_files_saying_what_was_expected(string path, string expectation)
    {
        using var repo = TempMeshRepository.Valid().Write(path, "id: x\n");

        var finding = Assert.Single(MeshLoader.Load(repo.Root).Diagnostics);

        Assert.Equal(("MG1012", path, 1, 1), (finding.Id, finding.File, finding.Line, finding.Column));
        Assert.Contains(expectation, finding.Message);
    }

    [Fact]
    public void Allows_markdown_and_keep_files_in_the_layout()
    {
        using var repo = TempMeshRepository.Valid()
            .Write("domains/README.md", "# Domains")
            .Write("domains/sales/README.md", "# Sales")
            .Write("domains/sales/products/.gitkeep", string.Empty)
            .Write("teams/README.md", "# Teams");

        Assert.Empty(MeshLoader.Load(repo.Root).Diagnostics);
    }

    [Fact]
    public void Does_not_follow_a_symlink_out_of_the_repository()
    {
        using var outside = TempMeshRepository.Empty().Write("secret.odps.yaml", TempMeshRepository.ValidProduct.Replace("sales.orders", "stolen"));
        using var repo = TempMeshRepository.Valid();
        File.CreateSymbolicLink(repo.PathOf("domains/sales/products/linked.odps.yaml"), outside.PathOf("secret.odps.yaml"));
        Directory.CreateSymbolicLink(repo.PathOf("domains/elsewhere"), outside.Root);

        var result = MeshLoader.Load(repo.Root);

        Assert.Equal(2, result.Diagnostics.Count(d => d.Id == "MG1011"));
        Assert.Contains(result.Diagnostics, d => d.Id == "MG1011" && d.File == "domains/sales/products/linked.odps.yaml");
        Assert.DoesNotContain(result.Mesh.Products, p => p.Id == "stolen");
    }

    [Fact]
    public void Does_not_follow_a_symlinked_top_level_folder_out_of_the_repository()
    {
        using var outside = TempMeshRepository.Valid();
        using var repo = TempMeshRepository.Empty().Write("mesh.yaml", TempMeshRepository.ValidMesh);
        Directory.CreateSymbolicLink(repo.PathOf("domains"), outside.PathOf("domains"));
        Directory.CreateSymbolicLink(repo.PathOf("teams"), outside.PathOf("teams"));

        var result = MeshLoader.Load(repo.Root);

        Assert.Equal(new[] { "domains", "teams" }, result.Diagnostics.Where(d => d.Id == "MG1011").Select(d => d.File));
        Assert.Empty(result.Mesh.Products);
        Assert.Empty(result.Mesh.Teams);
    }

    [Fact]
    public void Resolves_dot_dot_after_the_link_it_follows_as_the_kernel_does()
    {
        // teams/x.yaml -> d/../y.yaml reads as teams/y.yaml textually, but d is a link, so the kernel
        // reads outside/deep/y.yaml.
        using var outside = TempMeshRepository.Empty().Write("deep/dir/keep.txt", "x").Write("deep/y.yaml", TempMeshRepository.ValidTeam.Replace("sales-team", "secret"));
        using var repo = TempMeshRepository.Valid().Write("teams/y.yaml", TempMeshRepository.ValidTeam.Replace("sales-team", "y"));
        Directory.CreateSymbolicLink(repo.PathOf("teams/d"), outside.PathOf("deep/dir"));
        File.CreateSymbolicLink(repo.PathOf("teams/x.yaml"), "d/../y.yaml");

        var result = MeshLoader.Load(repo.Root);

        Assert.Contains(result.Diagnostics, d => d.Id == "MG1011" && d.File == "teams/x.yaml");
        Assert.Null(result.Mesh.FindTeam("secret"));
        Assert.NotNull(result.Mesh.FindTeam("y"));
    }

    [Fact]
    public void Follows_a_symlink_to_a_file_inside_the_repository_and_reports_a_broken_one()
    {
        using var repo = TempMeshRepository.Valid().Write("shared/team.yaml", TempMeshRepository.ValidTeam.Replace("sales-team", "linked"));
        File.CreateSymbolicLink(repo.PathOf("teams/linked.yaml"), repo.PathOf("shared/team.yaml"));
        File.CreateSymbolicLink(repo.PathOf("teams/broken.yaml"), repo.PathOf("shared/missing.yaml"));

        var result = MeshLoader.Load(repo.Root);

        Assert.NotNull(result.Mesh.FindTeam("linked"));
        var broken = Assert.Single(result.Diagnostics);
        Assert.Equal(("MG1002", "teams/broken.yaml"), (broken.Id, broken.File));
    }

    [Fact]
    public void A_missing_mesh_yaml_is_a_configuration_error_and_the_other_files_are_still_validated()
    {
        using var repo = TempMeshRepository.Valid().Delete("mesh.yaml").Write("domains/sales/domain.yaml", TempMeshRepository.ValidDomain.Replace("source-aligned", "sideways"));

        var result = MeshLoader.Load(repo.Root);

        Assert.True(result.ConfigurationError);
        Assert.Contains(result.Diagnostics, d => d.Id == "MG1013" && d.File == "mesh.yaml");
        Assert.Contains(result.Diagnostics, d => d.Id == "MG1104" && d.File == "domains/sales/domain.yaml");
    }

    [Fact]
    public void A_manifest_named_mesh_yml_is_read_and_a_second_manifest_beside_mesh_yaml_is_reported()
    {
        using var renamed = TempMeshRepository.Valid();
        File.Move(renamed.PathOf("mesh.yaml"), renamed.PathOf("mesh.yml"));
        using var both = TempMeshRepository.Valid();
        both.Write("mesh.yml", File.ReadAllText(both.PathOf("mesh.yaml")).Replace("name:", "name: shadow\nold-name:", StringComparison.Ordinal));

        var alone = MeshLoader.Load(renamed.Root);
        var twice = MeshLoader.Load(both.Root);

        Assert.False(alone.ConfigurationError);
        Assert.Empty(alone.Diagnostics);
        Assert.Contains(alone.Files, f => f.File.RelativePath == "mesh.yml");
        var second = Assert.Single(twice.Diagnostics);
        Assert.Equal(("MG1012", "mesh.yml"), (second.Id, second.File));
        Assert.Contains("mesh.yaml", second.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(twice.Files, f => f.File.RelativePath == "mesh.yml");
    }

    [Fact]
    public void A_file_over_the_size_limit_is_reported_without_being_read()
    {
        using var repo = TempMeshRepository.Valid();
        var big = new byte[20 * 1024 * 1024];
        Array.Fill(big, (byte)'#');
        repo.WriteBytes("domains/sales/contracts/huge.odcs.yaml", big);

        var finding = Assert.Single(MeshLoader.Load(repo.Root).Diagnostics);

        Assert.Equal(("MG1004", "domains/sales/contracts/huge.odcs.yaml"), (finding.Id, finding.File));
        Assert.Contains("20,971,520 bytes", finding.Message);
    }

    [Fact]
    public void One_unreadable_file_does_not_stop_the_others_from_being_validated()
    {
        using var repo = TempMeshRepository.Valid()
            .WriteBytes("teams/broken.yaml", [0x69, 0x64, 0x3A, 0x20, 0xC3, 0x28])
            .Write("domains/sales/products/orders.odps.yaml", TempMeshRepository.ValidProduct.Replace("status: active", "stat: active"));

        var findings = MeshLoader.Load(repo.Root).Diagnostics;

        Assert.Contains(findings, d => d.Id == "MG1003" && d.File == "teams/broken.yaml");
        Assert.Contains(findings, d => d.Id == "MG1101" && d.File == "domains/sales/products/orders.odps.yaml");
        Assert.Contains(findings, d => d.Id == "MG1102" && d.Message.Contains("Did you mean 'status'?"));
    }
}
