using System.Text;
using System.Text.Json;
using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Loading;
using MeshGovernance.Model.Schemas;
using MeshGovernance.Model.Yaml;
using MeshGovernance.Testing;

namespace MeshGovernance.Model.Tests.Loading;

/// <summary>Files in a format or version meshgov does not read get one MG1016, at the key that tells the format.</summary>
public class UnreadFormatTests
{
    private static LoadedFile Parse(string yaml, DocumentKind kind = DocumentKind.Contract)
    {
        var path = kind == DocumentKind.Contract ? "domains/sales/contracts/c.odcs.yaml" : "domains/sales/products/p.odps.yaml";
        var file = new MeshFile(path, path, kind, "sales", kind == DocumentKind.Contract ? "c" : "p");
        return MeshFileReader.Parse(file, Encoding.UTF8.GetBytes(yaml), YamlLimits.Default);
    }

    public static TheoryData<DocumentKind, string, int, int, string> Cases => new()
    {
        // kind, file, line and column of the finding, part of its message
        {
            DocumentKind.Contract, "kind: DataContract\napiVersion: v2.2.2 # standard version\nuuid: 1\ndatasetName: t\n", 2, 1,
            "ODCS v2.2.2 is not read: meshgov reads ODCS v3.0.x and v3.1.0. Migrate the contract to ODCS v3.1.0 (see the ODCS migration guide)."
        },
        {
            DocumentKind.Contract, "version: 1.0.0\nkind: DataContract\nuuid: 53581432\ntype: tables\ndatasetName: my_table\n", 3, 1,
            "This is an ODCS v2 data contract (it has no apiVersion, and 'uuid' is an ODCS v2 field), which meshgov does not read"
        },
        {
            DocumentKind.Contract, "version: \"1.0.0\"\nstandardVersion: \"2.2.0\"\nuuid: x\nkind: managedDataset\n", 2, 1,
            "This is an ODCS v2.2.0 data contract"
        },
        {
            DocumentKind.Contract, "# a DCS file\ndataContractSpecification: 1.1.0\nid: orders\ninfo:\n  title: Orders\n", 2, 1,
            "This is a Data Contract Specification 1.1.0 file, which meshgov does not read: meshgov reads data contracts as ODCS v3.0.x and v3.1.0. Convert it in place with 'meshgov migrate <file>'"
        },
        {
            DocumentKind.Contract, "version: 1.0.0\nkind: DataContract\napiVersion: v3.2.0\n", 3, 1,
            "ODCS v3.2.0 is not yet released, so meshgov does not read it: meshgov reads up to v3.1.0."
        },
        {
            DocumentKind.Contract, "version: 1.0.0\napiVersion: v4.0.0\nkind: DataContract\n", 2, 1,
            "apiVersion 'v4.0.0' is not a version of ODCS that meshgov knows, so the contract is not read: meshgov reads ODCS v3.0.0, v3.0.1, v3.0.2, v3.1.0. Set apiVersion to the ODCS version the contract follows."
        },
        {
            DocumentKind.Contract, "kind: DataContract\napiVersion: \"3.1.0\"\n", 2, 1,
            "Did you mean 'v3.1.0'?"
        },
        {
            DocumentKind.Contract, "apiVersion: v1.0.0\nkind: DataProduct\nid: sales.orders\n", 2, 1,
            "This is an ODPS data product (kind: DataProduct), which meshgov does not read from this file: move it to products/"
        },
        {
            DocumentKind.Product, "dataProductSpecification: 0.0.1\nid: orders\n", 1, 1,
            "This is a Data Product Specification 0.0.1 file, which meshgov does not read: meshgov reads data products as ODPS v1.0.0"
        },
        {
            DocumentKind.Product, "id: orders\ndataContractSpecification: 1.2.1\n", 2, 1,
            "This is a Data Contract Specification 1.2.1 file, which meshgov does not read, and a data contract is no product"
        },
        {
            DocumentKind.Product, "kind: DataProduct\napiVersion: v2.0.0\nid: p\n", 2, 1,
            "apiVersion 'v2.0.0' is not a version of ODPS that meshgov knows, so the product is not read: meshgov reads ODPS v1.0.0."
        },
        {
            DocumentKind.Product, "apiVersion: v0.9.0\nkind: DataProduct\nid: p\nteam:\n  - username: ann\n", 1, 1,
            "ODPS v0.9.0 is the standard's early draft, which meshgov does not read: meshgov reads data products as ODPS v1.0.0. Set apiVersion: v1.0.0 and write team as a mapping"
        },
        {
            DocumentKind.Product, "apiVersion: v3.1.0\nkind: DataContract\nid: sales.orders.v1\n", 2, 1,
            "This is an ODCS data contract (kind: DataContract), which meshgov does not read from this file: move it to contracts/"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void An_unread_format_gets_one_diagnostic_at_the_key_that_tells_it_and_no_schema_validation(DocumentKind kind, string yaml, int line, int column, string message)
    {
        var loaded = Parse(yaml, kind);

        var finding = Assert.Single(loaded.Diagnostics);
        Assert.Equal(("MG1016", DiagnosticLevel.Error, line, column), (finding.Id, finding.Level, finding.Line, finding.Column));
        Assert.Contains(message, finding.Message);
        Assert.Null(loaded.Root);
    }

    [Theory]
    [InlineData("v3.0.0")]
    [InlineData("v3.0.1")]
    [InlineData("v3.0.2")]
    [InlineData("v3.1.0")]
    public void Odcs_v3_0_and_v3_1_are_read_each_by_its_own_schema(string version)
    {
        // In v3.0 the team is a list of members; the object form came with v3.1.
        var contract = TempMeshRepository.ValidContract.Replace("v3.1.0", version);
        contract = version == "v3.1.0" ? contract : contract.Replace("team:\n  name: sales-team", "team:\n  - username: ann", StringComparison.Ordinal);
        var loaded = Parse(contract);

        Assert.Empty(loaded.Diagnostics);
        Assert.NotNull(loaded.Root);
    }

    [Fact]
    public void A_v3_contract_without_apiVersion_is_still_schema_validated()
    {
        var loaded = Parse("id: c\nname: Test\nversion: 1.0.0\nschema:\n  - name: orders\n");

        Assert.NotNull(loaded.Root);
        Assert.DoesNotContain(loaded.Diagnostics, d => d.Id == "MG1016");
        Assert.Contains(loaded.Diagnostics, d => d.Message == "The document is missing the required property 'apiVersion'.");
    }

    [Fact]
    public void Yaml_errors_of_an_unread_file_are_still_reported()
    {
        var loaded = Parse("apiVersion: v2.2.2\nuuid: a\nuuid: b\n");

        Assert.Equal(new[] { ("MG1016", 1), ("MG1007", 3) }, loaded.Diagnostics.OrderBy(d => d.Line).Select(d => (d.Id, d.Line)));
    }

    [Fact]
    public void An_unread_contract_is_reported_and_left_out_of_the_mesh()
    {
        using var repo = TempMeshRepository.Valid()
            .Write("domains/sales/contracts/legacy.odcs.yaml", "dataContractSpecification: 1.2.1\nid: legacy\ninfo:\n  title: Legacy\n  version: 1.0.0\n");

        var result = MeshLoader.Load(repo.Root);

        var finding = Assert.Single(result.Diagnostics);
        Assert.Equal(("MG1016", "domains/sales/contracts/legacy.odcs.yaml", 1, 1, "legacy"), (finding.Id, finding.File, finding.Line, finding.Column, finding.Subject));
        Assert.True(finding.Blocking);
        Assert.Equal(new[] { "sales.orders.v1" }, result.Mesh.Contracts.Select(c => c.Id));
    }

    [Fact]
    public void A_port_naming_an_unread_contract_says_where_it_is_rather_than_that_it_does_not_exist()
    {
        using var repo = TempMeshRepository.Valid()
            .Write("domains/sales/contracts/orders.odcs.yaml", "dataContractSpecification: 1.2.1\nid: sales.orders.v1\ninfo:\n  title: Orders\n  version: 1.0.0\n");

        var result = MeshLoader.Load(repo.Root);

        var port = Assert.Single(result.Diagnostics, d => d.Id == "MG1202");
        Assert.Equal(
            "Output port 'orders' of product 'sales.orders' names contract 'sales.orders.v1', which is in domains/sales/contracts/orders.odcs.yaml, a file meshgov does not read (MG1016 there); make that file readable and the port resolves.",
            port.Message);
        Assert.Single(result.Diagnostics, d => d.Id == "MG1016");
    }

    public static TheoryData<string, string> UnreadCorpusFiles()
    {
        var data = new TheoryData<string, string>();
        var manifest = Path.Combine(RepositoryPaths.Corpus, "realworld", "manifest.json");
        if (!File.Exists(manifest))
        {
            data.Add("(corpus absent)", string.Empty);
            return data;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(manifest));
        foreach (var entry in document.RootElement.EnumerateArray())
        {
            var group = entry.GetProperty("group").GetString()!;
            if (group is "odcs-v2" or "odcs-future" or "unsupported" or "odps")
            {
                data.Add(group, entry.GetProperty("file").GetString()!);
            }
        }

        return data;
    }

    [CorpusTheory]
    [MemberData(nameof(UnreadCorpusFiles))]
    public void Every_real_file_of_a_format_not_read_gets_exactly_one_diagnostic_in_a_mesh(string group, string file)
    {
        var source = Path.Combine(RepositoryPaths.Corpus, "realworld", file);
        var path = group == "odps" ? "domains/sales/products/real.odps.yaml" : "domains/sales/contracts/real.odcs.yaml";
        using var repo = TempMeshRepository.Valid().WriteBytes(path, File.ReadAllBytes(source));

        var result = MeshLoader.Load(repo.Root);

        var finding = Assert.Single(result.Diagnostics);
        Assert.Equal(("MG1016", path), (finding.Id, finding.File));
        Assert.Contains(group switch
        {
            "odcs-v2" => "ODCS v2",
            "odcs-future" => "ODCS v3.2.0 is not yet released",
            "odps" => "ODPS v0.9.0 is the standard's early draft, which meshgov does not read",
            _ => "Data Contract Specification",
        }, finding.Message);
        Assert.Single(result.Mesh.Contracts);
        Assert.Single(result.Mesh.Products);
    }
}
