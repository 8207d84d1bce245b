using MeshGovernance.Model.Schemas;
using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Model.Tests.Schemas;

/// <summary>Keyword semantics of the compiled validator that the shipped schemas' tests do not pin.</summary>
public class NodeValidatorTests
{
    private const string Conditional = """
        {
          "if": { "required": [ "type" ], "properties": { "type": { "enum": [ "sql" ] } } },
          "then": { "required": [ "query" ] },
          "else": { "required": [ "name" ] }
        }
        """;

    [Theory]
    [InlineData("type: sql\nquery: q\n", true)]
    [InlineData("type: sql\n", false)]
    [InlineData("type: sql\nname: n\n", false)]
    [InlineData("type: custom\nname: n\n", true)]
    [InlineData("type: custom\nquery: q\n", false)]
    [InlineData("query: q\n", false)]
    public void Evaluates_if_then_else(string yaml, bool accepted)
    {
        Assert.Equal(accepted, Judge(Conditional, yaml));
    }

    [Fact]
    public void Reports_the_branch_of_a_conditional_whose_condition_holds()
    {
        var errors = Collect(Conditional, "type: custom\n");

        var conditional = Assert.Single(Assert.Single(errors).Children!.SelectMany(c => c));
        Assert.False(conditional.Conditional!.AppliesWhenConditionMatches);
        var missing = Assert.Single(conditional.Children![0]);
        Assert.Equal(SchemaErrorKind.PropertyRequired, missing.Kind);
        Assert.Equal("name", missing.Property);
    }

    private const string Patterns = """
        {
          "properties": { "x-declared": { "type": "integer" } },
          "patternProperties": { "^x-": { "type": "string" } },
          "additionalProperties": false
        }
        """;

    [Theory]
    [InlineData("x-note: text\n", true)]
    [InlineData("x-note: 1\n", false)]
    [InlineData("other: text\n", false)]
    // As NJsonSchema did: a declared property is judged by its own schema only, not by a matching pattern.
    [InlineData("x-declared: 1\n", true)]
    [InlineData("x-declared: text\n", false)]
    public void Applies_pattern_properties_to_undeclared_properties(string yaml, bool accepted)
    {
        Assert.Equal(accepted, Judge(Patterns, yaml));
    }

    private const string Unique = """{ "properties": { "list": { "type": "array", "uniqueItems": true } } }""";

    [Theory]
    [InlineData("list: [a, b]\n", true)]
    [InlineData("list: [a, b, a]\n", false)]
    // Compared by their text, as NJsonSchema did: the string "1" repeats the integer 1.
    [InlineData("list: ['1', 1]\n", false)]
    [InlineData("list: [{a: 1}, {a: 1}]\n", false)]
    [InlineData("list: [{a: 1}, {a: '1'}]\n", true)]
    [InlineData("list: [{a: 1, b: 2}, {b: 2, a: 1}]\n", true)]
    public void Checks_unique_items(string yaml, bool accepted)
    {
        Assert.Equal(accepted, Judge(Unique, yaml));
    }

    [Fact]
    public void Checks_unique_items_in_a_long_list()
    {
        var items = Enumerable.Range(0, 200).Select(i => $"item{i}").ToList();

        Assert.True(Judge(Unique, $"list: [{string.Join(", ", items)}]\n"));
        Assert.False(Judge(Unique, $"list: [{string.Join(", ", items)}, item150]\n"));
    }

    private const string Bounds = """{ "properties": { "low": { "type": "number", "minimum": 1 }, "above": { "type": "number", "exclusiveMinimum": 0 } } }""";

    [Theory]
    [InlineData("low: 1\n", true)]
    [InlineData("low: 0.5\n", false)]
    [InlineData("above: 0.001\n", true)]
    [InlineData("above: 0\n", false)]
    [InlineData("above: -3\n", false)]
    [InlineData("above: .inf\n", true)]
    [InlineData("above: 123456789012345678901234567890\n", true)]
    public void Checks_minimum_and_exclusive_minimum(string yaml, bool accepted)
    {
        Assert.Equal(accepted, Judge(Bounds, yaml));
    }

    [Fact]
    public void Reports_an_exclusive_minimum_as_too_small()
    {
        var error = Assert.Single(Collect(Bounds, "above: 0\n"));

        Assert.Equal(SchemaErrorKind.NumberTooSmall, error.Kind);
        Assert.Equal("#/above", error.Path);
    }

    private const string Tree = """
        {
          "definitions": {
            "Node": {
              "type": "object",
              "properties": { "name": { "type": "string" }, "children": { "type": "array", "items": { "$ref": "#/definitions/Node" } } },
              "additionalProperties": false
            }
          },
          "allOf": [ { "$ref": "#/definitions/Node" } ]
        }
        """;

    [Theory]
    [InlineData("name: a\nchildren:\n  - name: b\n    children:\n      - name: c\n", true)]
    [InlineData("name: a\nchildren:\n  - name: b\n    children:\n      - name: 3\n", false)]
    [InlineData("name: a\nchildren:\n  - name: b\n    children:\n      - nam: c\n", false)]
    public void Follows_a_recursive_reference(string yaml, bool accepted)
    {
        Assert.Equal(accepted, Judge(Tree, yaml));
    }

    [Fact]
    public void Reports_an_error_deep_in_a_recursive_reference_with_its_path()
    {
        var errors = Collect(Tree, "name: a\nchildren:\n  - name: b\n    children:\n      - nam: c\n");

        var unknown = Flatten(errors).Single(e => e.Kind == SchemaErrorKind.NoAdditionalPropertiesAllowed);
        Assert.Equal("#/children[0].children[0].nam", unknown.Path);
    }

    [Theory]
    [InlineData("""{ "properties": { "n": { "type": "integer" } } }""", "n: 1\n", true)]
    // As NJsonSchema did: a YAML float is not an integer, even 1.0.
    [InlineData("""{ "properties": { "n": { "type": "integer" } } }""", "n: 1.0\n", false)]
    [InlineData("""{ "properties": { "n": { "type": "number" } } }""", "n: 1\n", true)]
    // As NJsonSchema did: required also fails on a value that is not a mapping, unless the type allows null.
    [InlineData("""{ "properties": { "o": { "required": [ "a" ] } } }""", "o: text\n", false)]
    [InlineData("""{ "properties": { "o": { "type": [ "object", "null" ], "required": [ "a" ] } } }""", "o:\n", true)]
    [InlineData("""{ "properties": { "o": { "oneOf": [ { "type": "string" }, { "minLength": 1 } ] } } }""", "o: text\n", false)]
    [InlineData("""{ "properties": { "o": { "oneOf": [ { "type": "string" }, { "type": "integer" } ] } } }""", "o: 3\n", true)]
    [InlineData("""{ "properties": { "o": { "not": { "required": [ "a" ] } } } }""", "o: {a: 1}\n", false)]
    [InlineData("""{ "properties": { "o": { "enum": [ "True" ] } } }""", "o: true\n", true)]
    public void Keeps_the_semantics_of_the_former_engine(string schema, string yaml, bool accepted)
    {
        Assert.Equal(accepted, Judge(schema, yaml));
    }

    [Fact]
    public void Reports_any_failure_of_a_value_with_several_types_as_no_type_matching()
    {
        const string Schema = """{ "properties": { "v": { "type": [ "string", "integer" ], "pattern": "^a" } } }""";

        var error = Assert.Single(Collect(Schema, "v: b\n"));

        Assert.Equal(SchemaErrorKind.NoTypeValidates, error.Kind);
    }

    private static bool Judge(string schema, string yaml)
    {
        var compiled = SchemaCompiler.Compile(schema, "test.schema.json");
        var root = Read(yaml);
        var accepted = NodeValidator.Accepts(root, compiled);
        Assert.Equal(accepted, NodeValidator.Collect(root, compiled).Count == 0);
        return accepted;
    }

    private static List<SchemaError> Collect(string schema, string yaml) =>
        NodeValidator.Collect(Read(yaml), SchemaCompiler.Compile(schema, "test.schema.json"));

    private static IEnumerable<SchemaError> Flatten(IEnumerable<SchemaError> errors) =>
        errors.SelectMany(e => new[] { e }.Concat(Flatten(e.Children?.SelectMany(c => c) ?? [])));

    private static SourceMapping Read(string yaml)
    {
        var read = YamlDocumentReader.Read(yaml, "t.yaml");
        Assert.Empty(read.Diagnostics);
        return read.Root!;
    }
}
