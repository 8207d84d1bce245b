using System.Diagnostics;
using System.Text;
using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Model.Tests.Yaml;

public class YamlDocumentReaderTests
{
    private static YamlReadResult Read(string text, YamlLimits? limits = null) => YamlDocumentReader.Read(text, "f.yaml", limits);

    [Fact]
    public void Keeps_start_and_end_of_every_node()
    {
        var result = Read("id: x\nteam:\n  name: sales\nports:\n  - a\n  - b\n");

        var root = Assert.IsType<SourceMapping>(result.Root);
        Assert.Empty(result.Diagnostics);
        var name = Assert.IsType<SourceScalar>(root.GetMapping("team")!["name"]);
        Assert.Equal((3, 9, 3, 14), (name.Span.Line, name.Span.Column, name.Span.EndLine, name.Span.EndColumn));
        Assert.Equal(new[] { 5, 6 }, ((SourceSequence)root["ports"]!).Items.Select(i => i.Span.Line));
        Assert.Equal((2, 1), (root.KeyNode("team")!.Span.Line, root.KeyNode("team")!.Span.Column));
    }

    [Theory]
    [InlineData("2024-01-01", ScalarKind.String)]
    [InlineData("2024-01-01T10:00:00Z", ScalarKind.String)]
    [InlineData("1.0.0", ScalarKind.String)]
    [InlineData("'42'", ScalarKind.String)]
    [InlineData("yes", ScalarKind.String)]
    [InlineData("42", ScalarKind.Integer)]
    [InlineData("0x1F", ScalarKind.Integer)]
    [InlineData("1.5", ScalarKind.Float)]
    [InlineData(".inf", ScalarKind.Float)]
    [InlineData("true", ScalarKind.Boolean)]
    [InlineData("FALSE", ScalarKind.Boolean)]
    [InlineData("~", ScalarKind.Null)]
    [InlineData("", ScalarKind.Null)]
    [InlineData("!!str 42", ScalarKind.String)]
    [InlineData("!!timestamp 2024-01-01", ScalarKind.String)]
    public void Types_scalars_by_the_yaml_1_2_core_schema_and_keeps_dates_as_strings(string yaml, ScalarKind expected)
    {
        var root = Read($"value: {yaml}\n").Root!;

        Assert.Equal(expected, ((SourceScalar)root["value"]!).Kind);
    }

    [Fact]
    public void Reports_duplicate_key_at_the_second_key_and_keeps_the_first_value()
    {
        var result = Read("id: a\nname: x\nid: b\n");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("MG1007", diagnostic.Id);
        Assert.Equal((3, 1), (diagnostic.Line, diagnostic.Column));
        Assert.Contains("first at line 1", diagnostic.Message);
        Assert.Equal("a", result.Root!.GetString("id"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("---\n")]
    public void Reports_an_empty_file(string text)
    {
        var result = Read(text);

        Assert.Null(result.Root);
        Assert.Equal("MG1008", Assert.Single(result.Diagnostics).Id);
    }

    [Fact]
    public void Reports_a_list_at_the_top_level()
    {
        var result = Read("- a\n- b\n");

        Assert.Null(result.Root);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("MG1010", diagnostic.Id);
        Assert.Contains("a list", diagnostic.Message);
    }

    [Fact]
    public void Reports_a_second_document_where_it_starts_and_keeps_the_first()
    {
        var result = Read("a: 1\n---\nb: 2\n");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(("MG1009", 2), (diagnostic.Id, diagnostic.Line));
        Assert.Equal("1", result.Root!.GetString("a"));
    }

    [Theory]
    [InlineData("a: 1\n---\n")]
    [InlineData("---\na: 1\n---\n")]
    [InlineData("a: 1\n...\n---\n")]
    public void Accepts_a_trailing_empty_document(string text)
    {
        var result = Read(text);

        Assert.Empty(result.Diagnostics);
        Assert.NotNull(result.Root);
    }

    [Fact]
    public void Refuses_a_value_longer_than_the_limit()
    {
        var result = Read("description: " + new string('x', YamlLimits.Default.MaxScalarLength + 1) + "\n");

        Assert.Equal(("MG1015", 1, 14), (Assert.Single(result.Diagnostics).Id, result.Diagnostics[0].Line, result.Diagnostics[0].Column));
    }

    [Fact]
    public void Counts_long_text_when_aliases_repeat_it()
    {
        // 200 aliases of 10 lists of 30 aliases of a 60,000-character string: few nodes, gigabytes of text.
        var text = new StringBuilder($"s: &s {new string('x', 60_000)}\n");
        text.Append("l: &l [").Append(string.Join(", ", Enumerable.Repeat("*s", 30))).Append("]\n");
        text.Append("m: &m [").Append(string.Join(", ", Enumerable.Repeat("*l", 10))).Append("]\n");
        text.Append("n: [").Append(string.Join(", ", Enumerable.Repeat("*m", 200))).Append("]\n");

        var result = Read(text.ToString());

        Assert.Equal("MG1006", Assert.Single(result.Diagnostics).Id);
    }

    [Fact]
    public void A_tab_on_a_blank_line_elsewhere_does_not_move_a_syntax_error()
    {
        var diagnostic = Assert.Single(Read("id: x\nname: [oops\nstatus: a\n\t\nb: 1\n").Diagnostics);

        Assert.Equal(2, diagnostic.Line);
        Assert.DoesNotContain("tab", diagnostic.Message);
    }

    [Fact]
    public void Reports_tab_indentation_where_the_parser_reports_the_enclosing_mapping()
    {
        var diagnostic = Assert.Single(Read("apiVersion: meshgov/v1\nkind: Team\nmembers:\n\t- username: alice\n").Diagnostics);

        Assert.Equal(("MG1001", 4), (diagnostic.Id, diagnostic.Line));
        Assert.Contains("indent with spaces", diagnostic.Message);
    }

    [Fact]
    public void Reports_tab_indentation_with_its_position_and_the_fix()
    {
        var diagnostic = Assert.Single(Read("team:\n\tname: sales\n").Diagnostics);

        Assert.Equal(("MG1001", 2), (diagnostic.Id, diagnostic.Line));
        Assert.Contains("indent with spaces", diagnostic.Message);
        Assert.DoesNotContain("Idx:", diagnostic.Message);
    }

    [Fact]
    public void Reports_a_syntax_error_where_the_parser_stopped()
    {
        var diagnostic = Assert.Single(Read("id: x\nname: [unclosed\nstatus: active\n").Diagnostics);

        Assert.Equal("MG1001", diagnostic.Id);
        Assert.True(diagnostic.Line >= 2, $"reported at line {diagnostic.Line}");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Stops_ten_thousand_levels_of_nesting_without_exhausting_the_stack(bool flow)
    {
        const int levels = 10_000;
        var text = flow
            ? "a: " + new string('[', levels) + new string(']', levels) + "\n"
            : string.Concat(Enumerable.Repeat("- ", levels)) + "x\n";

        var result = Read(text);

        Assert.Null(result.Root);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("MG1005", diagnostic.Id);
        // The first level beyond the limit: flow levels start at column 4, block ones every 2 columns.
        var expectedColumn = flow ? 3 + YamlLimits.Default.MaxDepth : (2 * YamlLimits.Default.MaxDepth) + 1;
        Assert.Equal((1, expectedColumn), (diagnostic.Line, diagnostic.Column));
    }

    [Fact]
    public void Stops_a_billion_laughs_document_early()
    {
        var text = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < 10; i++)
        {
            text.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        }

        var watch = Stopwatch.StartNew();
        var result = Read(text.ToString());

        Assert.Null(result.Root);
        Assert.Equal("MG1006", Assert.Single(result.Diagnostics).Id);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), "the expansion must be measured, not performed");
    }

    [Fact]
    public void Shares_aliased_nodes_within_the_budget()
    {
        var root = Read("base: &b {type: postgres}\ncopy: *b\n").Root!;

        Assert.Same(root["base"], root["copy"]);
    }

    [Theory]
    [InlineData("value: !!python/object:os.system ls\n")]
    [InlineData("value: !custom x\n")]
    [InlineData("value: *nowhere\n")]
    [InlineData("? [a, b]\n: value\n")]
    public void Refuses_custom_tags_undefined_aliases_and_complex_keys(string text)
    {
        var result = Read(text);

        Assert.Null(result.Root);
        Assert.Equal("MG1014", Assert.Single(result.Diagnostics).Id);
    }

    [Fact]
    public void Reads_crlf_line_endings_with_the_same_positions()
    {
        var root = Read("id: x\r\nname: y\r\n").Root!;

        Assert.Equal(2, root["name"]!.Span.Line);
        Assert.Equal("y", root.GetString("name"));
    }
}
