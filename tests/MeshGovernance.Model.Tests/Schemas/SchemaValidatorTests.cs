using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Schemas;
using MeshGovernance.Model.Yaml;
using MeshGovernance.Testing;

namespace MeshGovernance.Model.Tests.Schemas;

public class SchemaValidatorTests
{
    private const string ContractHead = """
        apiVersion: v3.1.0
        kind: DataContract
        id: c
        version: 1.0.0
        status: active

        """;

    private static IReadOnlyList<Diagnostic> Validate(string yaml, DocumentKind kind)
    {
        var read = YamlDocumentReader.Read(yaml, "f.yaml");
        Assert.Empty(read.Diagnostics);
        return SchemaValidator.Validate(read.Root!, kind, "subject");
    }

    [Theory]
    [InlineData("servers:\n  - server: db\n    type: postgres\n    port: 5432\n    database: d\n    schema: s\n", "'host'", "type is one of 'postgres'", 7)]
    [InlineData("schema:\n  - name: t\n    quality:\n      - type: library\n        mustBe: 0\n", "'metric'", "type is 'library'", 9)]
    [InlineData("schema:\n  - name: t\n    properties:\n      - name: a\n        quality:\n          - type: sql\n            mustBe: 0\n", "'query'", "type is 'sql'", 11)]
    public void Reports_conditional_rules_at_the_object_naming_the_condition(string body, string missing, string condition, int line)
    {
        var finding = Assert.Single(Validate(ContractHead + body, DocumentKind.Contract));

        Assert.Equal(("MG1106", line), (finding.Id, finding.Line));
        Assert.Contains(missing, finding.Message);
        Assert.Contains(condition, finding.Message);
        Assert.Equal("subject", finding.Subject);
    }

    [Fact]
    public void A_complete_postgres_server_passes_the_conditional_rule()
    {
        var yaml = ContractHead + "servers:\n  - server: db\n    type: postgres\n    host: h\n    port: 5432\n    database: d\n    schema: s\n";

        Assert.Empty(Validate(yaml, DocumentKind.Contract));
    }

    [Fact]
    public void Reports_a_missing_required_property_of_the_document()
    {
        var finding = Assert.Single(Validate("apiVersion: v3.1.0\nkind: DataContract\nid: c\nversion: 1.0.0\n", DocumentKind.Contract));

        Assert.Equal(("MG1101", 1, 1), (finding.Id, finding.Line, finding.Column));
        Assert.Equal("The document is missing the required property 'status'.", finding.Message);
    }

    [Fact]
    public void Reports_an_unknown_property_at_its_key_with_a_suggestion()
    {
        var finding = Assert.Single(Validate(ContractHead + "schema:\n  - name: t\n    properties:\n      - name: a\n        logicalTyp: string\n", DocumentKind.Contract));

        Assert.Equal(("MG1102", 10, 9), (finding.Id, finding.Line, finding.Column));
        Assert.Equal("Property 'logicalTyp' is not allowed in schema[0].properties[0]. Did you mean 'logicalType'?", finding.Message);
    }

    [Fact]
    public void Reports_a_wrong_type_with_what_was_found()
    {
        var finding = Assert.Single(Validate(ContractHead.Replace("version: 1.0.0", "version: 1.0"), DocumentKind.Contract));

        Assert.Equal(("MG1103", 4, 10), (finding.Id, finding.Line, finding.Column));
        Assert.Equal("version must be a string; found the number 1.0.", finding.Message);
    }

    [Fact]
    public void Reports_a_value_outside_the_allowed_list_with_the_list_and_a_suggestion()
    {
        var finding = Assert.Single(Validate(TempMeshRepository.ValidDomain.Replace("source-aligned", "source-aligend"), DocumentKind.Domain));

        Assert.Equal(("MG1104", 5), (finding.Id, finding.Line));
        Assert.Contains("source-aligned, aggregate, consumer-aligned", finding.Message);
        Assert.Contains("Did you mean 'source-aligned'?", finding.Message);
    }

    [Fact]
    public void Reports_a_pattern_mismatch()
    {
        var finding = Assert.Single(Validate(TempMeshRepository.ValidTeam.Replace("username: bob", "username: -bob-"), DocumentKind.Team));

        Assert.Equal(("MG1104", 9), (finding.Id, finding.Line));
        Assert.Contains("must match the pattern", finding.Message);
    }

    [Fact]
    public void Reports_too_few_items()
    {
        var finding = Assert.Single(Validate(TempMeshRepository.ValidTeam[..TempMeshRepository.ValidTeam.IndexOf("members:", StringComparison.Ordinal)] + "members: []\n", DocumentKind.Team));

        Assert.Equal("MG1105", finding.Id);
        Assert.Contains("at least 1 item", finding.Message);
    }

    [Theory]
    [InlineData("extra:\n  a: 1\n", 6, 1)]
    [InlineData("extra:\n  - a\n", 6, 1)]
    [InlineData("extra: 1\n", 6, 1)]
    [InlineData("extra:\nschema: []\n", 6, 1)]
    [InlineData("schema:\n  - name: t\n    extra:\n      a: 1\n", 8, 5)]
    [InlineData("schema:\n  - name: t\n    properties:\n      - name: a\n        extra:\n          - x\n", 10, 9)]
    public void Reports_an_unknown_property_at_its_own_key_whatever_its_value(string body, int line, int column)
    {
        var finding = Assert.Single(Validate(ContractHead + body, DocumentKind.Contract));

        Assert.Equal(("MG1102", line, column), (finding.Id, finding.Line, finding.Column));
        Assert.StartsWith("Property 'extra' is not allowed", finding.Message);
    }

    [Fact]
    public void A_property_required_by_two_conditional_rules_is_reported_once_naming_the_conditions_that_hold()
    {
        var finding = Assert.Single(Validate(ContractHead + "schema:\n  - name: t\n    quality:\n      - type: library\n        rule: nullCheck\n        mustBe: 0\n", DocumentKind.Contract));

        Assert.Equal(("MG1106", 9, 9), (finding.Id, finding.Line, finding.Column));
        Assert.Equal("schema[0].quality[0] is missing the required property 'metric' (required when type is 'library' or rule is set).", finding.Message);
    }

    [Fact]
    public void A_condition_is_phrased_from_what_the_node_meets_never_from_the_missing_property()
    {
        var finding = Assert.Single(Validate(ContractHead + "schema:\n  - name: t\n    quality:\n      - type: library\n        mustBe: 0\n", DocumentKind.Contract));

        Assert.Equal("schema[0].quality[0] is missing the required property 'metric' (required when type is 'library').", finding.Message);
    }

    [Theory]
    [InlineData("team:\n  name: t\n  members:\n    - name: Alice\n", 9, 7, "team.members[0] is missing the required property 'username'.")]
    [InlineData("team:\n  - name: Alice\n", 7, 5, "team[0] is missing the required property 'username'.")]
    [InlineData("team:\n  name: t\n  lead: alice\n", 8, 3, "Property 'lead' is not allowed in team.")]
    public void A_failed_alternative_is_explained_by_the_branch_of_the_value_s_own_type(string body, int line, int column, string message)
    {
        var finding = Assert.Single(Validate(ContractHead + body, DocumentKind.Contract));

        Assert.Equal((line, column), (finding.Line, finding.Column));
        Assert.StartsWith(message.TrimEnd('.'), finding.Message);
    }

    [Fact]
    public void A_value_of_no_alternative_s_type_is_still_told_what_it_must_be()
    {
        var finding = Assert.Single(Validate(ContractHead + "team: sales\n", DocumentKind.Contract));

        Assert.Equal(("MG1103", 6), (finding.Id, finding.Line));
        Assert.StartsWith("team must be", finding.Message);
    }

    [Theory]
    [InlineData(DocumentKind.Mesh, TempMeshRepository.ValidMesh)]
    [InlineData(DocumentKind.Team, TempMeshRepository.ValidTeam)]
    [InlineData(DocumentKind.Domain, TempMeshRepository.ValidDomain)]
    [InlineData(DocumentKind.Product, TempMeshRepository.ValidProduct)]
    [InlineData(DocumentKind.Contract, TempMeshRepository.ValidContract)]
    public void Valid_documents_of_every_kind_pass(DocumentKind kind, string yaml) => Assert.Empty(Validate(yaml, kind));
}
