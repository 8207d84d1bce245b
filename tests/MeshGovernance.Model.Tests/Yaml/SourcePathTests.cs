using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Model.Tests.Yaml;

/// <summary>A line and column named by the keys leading to them, list items by their name where they have one.</summary>
public class SourcePathTests
{
    private const string Contract = """
        apiVersion: v3.1.0
        id: c
        schema:
          - name: orders
            properties:
              - name: email
                classification: x
              - logicalType: string
        servers:
          - server: prod
            type: s3
        tags: [a, b]
        """;

    private static readonly SourceMapping Root = YamlDocumentReader.Read(Contract, "c.odcs.yaml").Root!;

    [Theory]
    [InlineData(1, 1, "")]
    [InlineData(2, 5, "id")]
    [InlineData(4, 5, "schema[orders]")]
    [InlineData(7, 25, "schema[orders].properties[email].classification")]
    [InlineData(7, 9, "schema[orders].properties[email].classification")]
    [InlineData(8, 9, "schema[orders].properties[1]")]
    [InlineData(8, 22, "schema[orders].properties[1].logicalType")]
    [InlineData(11, 11, "servers[prod].type")]
    [InlineData(12, 11, "tags[1]")]
    public void A_position_is_named_by_its_keys(int line, int column, string path) =>
        Assert.Equal(path, SourcePath.At(Root, line, column));

    [Fact]
    public void Lines_added_elsewhere_do_not_change_the_path()
    {
        var moved = YamlDocumentReader.Read("# reviewed\n\n" + Contract.Replace("id: c\n", "id: c\nname: C\nversion: 1.0.0\n", StringComparison.Ordinal), "c.odcs.yaml").Root!;

        Assert.Equal("schema[orders].properties[email].classification", SourcePath.At(moved, 11, 25));
    }
}
