using MeshGovernance.Model.Migration;
using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Model.Tests.Migration;

/// <summary>Each rewrite of the ODCS v3.0.x → v3.1.0 migration, on the smallest contract that shows it.</summary>
public sealed class OdcsV30MigrationTests
{
    private const string Head = "apiVersion: v3.0.2\nkind: DataContract\nid: orders\nversion: 1.0.0\nstatus: active\n";

    private static MigrationResult Migrate(string body, string head = Head) => ContractMigrator.Migrate(head + body, "c.odcs.yaml");

    private static string Body(MigrationResult result) => result.Text![result.Text!.IndexOf("status: active\n", StringComparison.Ordinal)..]["status: active\n".Length..];

    private static void AssertValid(MigrationResult result) =>
        Assert.True(MigrationCorpus.SchemaErrors(result.Text!).Count == 0, string.Join("\n", MigrationCorpus.SchemaErrors(result.Text!).Select(d => $"{d.Line}: {d.Message}")) + "\n" + result.Text);

    [Fact]
    public void ApiVersion_changes_and_keeps_its_quotes_and_comment()
    {
        var result = ContractMigrator.Migrate("apiVersion: 'v3.0.0' # the standard\nkind: DataContract\nid: o\nversion: 1.0.0\nstatus: active\n", "c.odcs.yaml");

        Assert.StartsWith("apiVersion: 'v3.1.0' # the standard\n", result.Text, StringComparison.Ordinal);
        var note = Assert.Single(result.Notes);
        Assert.Equal((MigrationNoteKind.Changed, "c.odcs.yaml:1:13", "apiVersion v3.0.0 → v3.1.0"), (note.Kind, note.Location, note.Message));
        AssertValid(result);
    }

    [Theory]
    [InlineData("team:\n  - username: alice # lead\n    role: owner\n  - username: bob\n", "team:\n  members:\n    - username: alice # lead\n      role: owner\n    - username: bob\n")]
    [InlineData("team:\n- username: alice\n  role: owner\n", "team:\n  members:\n  - username: alice\n    role: owner\n")]
    [InlineData("team:\n    - username: alice\n", "team:\n    members:\n        - username: alice\n")]
    [InlineData("team: [{username: alice}]\n", "team: {members: [{username: alice}]}\n")]
    public void A_team_list_becomes_the_members_of_a_team_object(string before, string after)
    {
        var result = Migrate(before);

        Assert.Equal(after, Body(result));
        Assert.Contains(result.Notes, n => n.Kind == MigrationNoteKind.Changed && n.Message.StartsWith("team:", StringComparison.Ordinal));
        AssertValid(result);
    }

    [Fact]
    public void A_team_member_without_username_is_left_and_reported_where_it_is()
    {
        var result = Migrate("team:\n  - name: Alice\n    role: owner\n");

        var note = Assert.Single(result.Notes, n => n.Kind == MigrationNoteKind.Attention);
        Assert.Contains("'username'", note.Message, StringComparison.Ordinal);
        Assert.Equal(8, note.Line);
    }

    private const string Options = "schema:\n  - name: t\n    properties:\n      - name: n\n        logicalType: integer\n        logicalTypeOptions:\n";

    [Theory]
    [InlineData("          minimum: 1\n          maximum: 10 # ten\n          exclusiveMaximum: true\n", "          minimum: 1\n          exclusiveMaximum: 10\n")]
    [InlineData("          exclusiveMinimum: true\n          minimum: 0\n", "          exclusiveMinimum: 0\n")]
    [InlineData("          maximum: 10\n          exclusiveMaximum: false\n", "          maximum: 10\n")]
    public void A_boolean_exclusive_bound_becomes_the_bound_itself(string before, string after)
    {
        var result = Migrate(Options + before);

        Assert.Equal(Options + after, Body(result));
        AssertValid(result);
    }

    [Fact]
    public void A_date_bound_keeps_its_quotes()
    {
        var result = Migrate(Options.Replace("integer", "date", StringComparison.Ordinal) + "          maximum: \"2030-01-01\"\n          exclusiveMaximum: true\n");

        Assert.EndsWith("          exclusiveMaximum: \"2030-01-01\"\n", result.Text, StringComparison.Ordinal);
        AssertValid(result);
    }

    [Fact]
    public void An_exclusive_flag_without_its_bound_is_left_for_the_user()
    {
        var result = Migrate(Options + "          exclusiveMaximum: true\n");

        Assert.EndsWith("          exclusiveMaximum: true\n", result.Text, StringComparison.Ordinal);
        var note = Assert.Single(result.Notes, n => n.Kind == MigrationNoteKind.Attention && n.Message.Contains("no maximum", StringComparison.Ordinal));
        Assert.Equal((12, 11), (note.Line, note.Column));
    }

    private const string Quality = "schema:\n  - name: t\n    quality:\n";

    [Theory]
    [InlineData("      - rule: nullCheck\n        description: no nulls\n", "      - metric: nullValues\n        mustBe: 0\n        description: no nulls\n")]
    [InlineData("      - type: library\n        rule: duplicateCount\n        mustBeLessThan: 10\n", "      - type: library\n        metric: duplicateValues\n        mustBeLessThan: 10\n")]
    [InlineData("      - rule: rowCount\n        mustBeGreaterThan: 5\n", "      - metric: rowCount\n        mustBeGreaterThan: 5\n")]
    [InlineData("      - rule: validValues\n        validValues: ['kg', 'lb']\n", "      - metric: invalidValues\n        mustBe: 0\n        arguments:\n          validValues: ['kg', 'lb']\n")]
    [InlineData("      - {rule: nullCheck, dimension: completeness}\n", "      - {metric: nullValues, mustBe: 0, dimension: completeness}\n")]
    public void A_library_rule_becomes_its_v3_1_metric(string before, string after)
    {
        var result = Migrate(Quality + before);

        Assert.Equal(Quality + after, Body(result));
        Assert.DoesNotContain(result.Notes, n => n.Kind == MigrationNoteKind.Attention);
        AssertValid(result);
    }

    [Theory]
    [InlineData("between", "has no ODCS v3.1 metric")]
    [InlineData("countCheck", "needs a threshold")]
    public void A_rule_without_a_faithful_metric_is_kept_as_a_text_check_and_reported(string rule, string says)
    {
        var result = Migrate(Quality + $"      - rule: {rule} # keep me\n        type: library\n        description: within range\n        customProperties:\n          - property: min\n            value: 0\n");

        Assert.Equal(Quality + "      - type: text\n        description: within range\n        customProperties:\n          - property: min\n            value: 0\n"
            + $"          - property: rule\n            value: {rule} # keep me\n", Body(result));
        var note = Assert.Single(result.Notes, n => n.Kind == MigrationNoteKind.Attention);
        Assert.Contains(says, note.Message, StringComparison.Ordinal);
        Assert.Equal(9, note.Line);
        AssertValid(result);
    }

    [Fact]
    public void A_rule_on_a_sql_check_is_kept_as_its_custom_property()
    {
        var result = Migrate(Quality + "      - type: sql\n        rule: custom_sql\n        query: SELECT 1\n        mustBe: 1\n");

        Assert.Equal(Quality + "      - type: sql\n        query: SELECT 1\n        mustBe: 1\n        customProperties:\n          - property: rule\n            value: custom_sql\n", Body(result));
        AssertValid(result);
    }

    [Fact]
    public void Two_operators_on_one_check_are_reported()
    {
        var result = Migrate(Quality + "      - rule: rowCount\n        mustBeGreaterThan: 5\n        mustBeLessThan: 10\n");

        Assert.Contains("metric: rowCount", result.Text, StringComparison.Ordinal);
        Assert.Contains(result.Notes, n => n.Kind == MigrationNoteKind.Attention && n.Message.Contains("exactly one operator", StringComparison.Ordinal));
    }

    [Fact]
    public void Sla_column_and_default_column_get_their_v3_names()
    {
        var result = Migrate("slaDefaultColumn: orders.ts\nslaProperties:\n  - property: latency\n    value: 4\n    unit: d\n    column: orders.ts # when\n");

        Assert.Equal("slaDefaultElement: orders.ts\nslaProperties:\n  - property: latency\n    value: 4\n    unit: d\n    element: orders.ts # when\n", Body(result));
        Assert.Contains(result.Notes, n => n.Kind == MigrationNoteKind.Info && n.Message.Contains("deprecated", StringComparison.Ordinal));
        AssertValid(result);
    }

    [Fact]
    public void Athena_staging_dir_becomes_stagingDir()
    {
        var result = Migrate("servers:\n  - server: q\n    type: athena\n    staging_dir: s3://bucket/results\n    schema: sales\n", Head.Replace("v3.0.2", "v3.0.0", StringComparison.Ordinal));

        Assert.Contains("    stagingDir: s3://bucket/results\n", result.Text, StringComparison.Ordinal);
        AssertValid(result);
    }

    [Fact]
    public void A_duckdb_schema_number_becomes_a_string()
    {
        var result = Migrate("servers:\n  - server: local\n    type: duckdb\n    database: /data/db.duckdb\n    schema: 5\n");

        Assert.EndsWith("    schema: \"5\"\n", result.Text, StringComparison.Ordinal);
        AssertValid(result);
    }

    [Fact]
    public void A_server_field_v3_1_closes_moves_into_the_server_s_custom_properties()
    {
        var result = Migrate("servers:\n  - server: events # main\n    type: kafka\n    host: broker:9092\n    topic: orders # the topic\n    format: json\n    customProperties:\n      - property: owner\n        value: team-a\n");

        Assert.Equal("servers:\n  - server: events # main\n    type: kafka\n    host: broker:9092\n    format: json\n    customProperties:\n      - property: owner\n        value: team-a\n"
            + "      - property: topic\n        value: orders # the topic\n", Body(result));
        var note = Assert.Single(result.Notes, n => n.Kind == MigrationNoteKind.Info && n.Message.StartsWith("'topic'", StringComparison.Ordinal));
        Assert.Equal(7, note.Line);
        AssertValid(result);
    }

    [Fact]
    public void A_block_value_moves_with_its_indentation()
    {
        var result = Migrate("servers:\n  - server: events\n    type: kafka\n    host: broker:9092\n    topics:\n      - orders\n      - refunds\n");

        Assert.Equal("servers:\n  - server: events\n    type: kafka\n    host: broker:9092\n    customProperties:\n      - property: topics\n        value:\n          - orders\n          - refunds\n", Body(result));
        AssertValid(result);
    }

    [Fact]
    public void Line_endings_and_a_missing_final_newline_are_kept()
    {
        var text = (Head + "team:\n  - username: alice\nslaProperties:\n  - property: latency\n    value: 4\n    column: t.ts").Replace("\n", "\r\n", StringComparison.Ordinal);

        var result = ContractMigrator.Migrate(text, "c.odcs.yaml");

        Assert.Equal(text.Replace("v3.0.2", "v3.1.0", StringComparison.Ordinal).Replace("team:\r\n  - username: alice", "team:\r\n  members:\r\n    - username: alice", StringComparison.Ordinal).Replace("column:", "element:", StringComparison.Ordinal), result.Text);
    }

    [Fact]
    public void Notes_point_at_the_migrated_text()
    {
        var result = Migrate("team:\n  - username: alice\nschema:\n  - name: t\n    quality:\n      - rule: between\n");

        var note = Assert.Single(result.Notes, n => n.Kind == MigrationNoteKind.Attention);
        var lines = result.Text!.Split('\n');
        Assert.Equal("      - type: text", lines[note.Line - 1]);
    }

    [Fact]
    public void An_aliased_team_is_not_edited_where_it_is_anchored()
    {
        var result = Migrate("x-members: &members\n  - username: alice\nteam: *members\n");

        Assert.Equal(MigrationOutcome.Migrated, result.Outcome);
        Assert.Contains("team: *members", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_result_reads_back_as_the_same_contract_where_nothing_changed()
    {
        var before = YamlDocumentReader.Read(Head + "name: Orders\ndescription:\n  purpose: |\n    Orders.\n    All of them.\n", "c").Root!;
        var after = YamlDocumentReader.Read(Migrate("name: Orders\ndescription:\n  purpose: |\n    Orders.\n    All of them.\n").Text!, "c").Root!;

        Assert.Equal(before.GetMapping("description")!.GetString("purpose"), after.GetMapping("description")!.GetString("purpose"));
    }
}
