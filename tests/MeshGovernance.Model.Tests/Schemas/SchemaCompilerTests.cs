using MeshGovernance.Model.Schemas;

namespace MeshGovernance.Model.Tests.Schemas;

public class SchemaCompilerTests
{
    [Theory]
    [InlineData("""{ "const": 1 }""", "'const'")]
    [InlineData("""{ "properties": { "a": { "maximum": 3 } } }""", "'maximum'")]
    [InlineData("""{ "properties": { "a": { "$ref": "#/definitions/Missing" } } }""", "#/definitions/Missing")]
    [InlineData("""{ "properties": { "a": { "$ref": "other.json#/definitions/A" } } }""", "other.json")]
    [InlineData("""{ "definitions": { "A": { "type": "string" } }, "properties": { "a": { "$ref": "#/definitions/A", "type": "string" } } }""", "'type' beside $ref")]
    [InlineData("""{ "items": true }""", "subschema must be a JSON object")]
    [InlineData("""{ "items": [ { "type": "string" } ] }""", "tuple")]
    [InlineData("""{ "format": "email" }""", "'email'")]
    [InlineData("""{ "minimum": 0, "exclusiveMinimum": true }""", "draft-04")]
    [InlineData("""{ "then": { "required": [ "a" ] } }""", "then or else without if")]
    [InlineData("""{ "type": "file" }""", "'file'")]
    [InlineData("""{ "enum": [ "a", 1 ] }""", "list of strings")]
    [InlineData("""{ "pattern": "(" }""", "does not compile")]
    [InlineData("""{ "properties": { "a": { "definitions": { } } } }""", "'definitions'")]
    public void Refuses_what_the_validator_does_not_evaluate(string schema, string named)
    {
        var refusal = Assert.Throws<NotSupportedException>(() => SchemaCompiler.Compile(schema, "test.schema.json"));

        Assert.Contains(named, refusal.Message, StringComparison.Ordinal);
        Assert.Contains("test.schema.json", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_reference_cycle_that_never_descends_into_the_document()
    {
        const string Schema = """
            {
              "definitions": {
                "A": { "allOf": [ { "$ref": "#/definitions/B" } ] },
                "B": { "anyOf": [ { "$ref": "#/definitions/A" }, { "type": "string" } ] }
              },
              "properties": { "a": { "$ref": "#/definitions/A" } }
            }
            """;

        var refusal = Assert.Throws<NotSupportedException>(() => SchemaCompiler.Compile(Schema, "cycle.schema.json"));

        Assert.Contains("cycle", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Accepts_a_reference_cycle_through_properties_and_items()
    {
        const string Schema = """
            {
              "definitions": {
                "Node": { "type": "object", "properties": { "children": { "type": "array", "items": { "$ref": "#/definitions/Node" } } } }
              },
              "properties": { "root": { "$ref": "#/definitions/Node" } }
            }
            """;

        var compiled = SchemaCompiler.Compile(Schema, "tree.schema.json");

        var node = compiled.PropertiesByName["root"].Schema;
        Assert.Same(node, node.PropertiesByName["children"].Schema.Items);
    }

    [Fact]
    public void Compiles_every_shipped_schema()
    {
        foreach (var fileName in DocumentKinds.AllSchemaFileNames)
        {
            var compiled = SchemaSet.Compile(fileName);

            Assert.NotEmpty(compiled.Properties);
        }
    }
}
