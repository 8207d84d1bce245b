using MeshGovernance.Model.Yaml;
using MeshGovernance.Contracts;
using MeshGovernance.Testing;

namespace MeshGovernance.Policies.Tests.Changes;

public class ContractChangeClassifierTests
{
    public static TheoryData<string> Rules => new(ContractChangeCases.All.Select(c => c.Rule));

    [Theory]
    [MemberData(nameof(Rules))]
    public void Each_rule_is_found_with_nothing_else(string rule)
    {
        var testCase = ContractChangeCases.All.Single(c => c.Rule == rule);

        var changes = Compare(ContractChangeCases.Contract, testCase.Edit(ContractChangeCases.Contract));

        Assert.Equal(testCase.Rules.Order(), changes.Changes.Select(c => c.Rule).Distinct().Order());
        var change = changes.Changes.First(c => c.Rule == rule);
        Assert.Equal(testCase.Path, change.Path);
        Assert.Equal(ContractChangeRules.Find(rule)!.Severity, change.Severity);
        Assert.False(string.IsNullOrWhiteSpace(change.Message));
        Assert.NotNull(change.Head);
    }

    [Fact]
    public void Every_rule_of_the_table_has_a_case_except_the_whole_contract_ones()
    {
        // contract-added and contract-removed (as a deletion) compare against nothing: their own tests follow.
        var covered = ContractChangeCases.All.Select(c => c.Rule).Append("contract-added").ToHashSet();

        var uncovered = ContractChangeRules.All.Select(r => r.Id).Except(covered).ToList();
        Assert.True(uncovered.Count == 0, "rules without a case: " + string.Join(", ", uncovered));
        Assert.Equal(ContractChangeCases.All.Count, ContractChangeCases.All.Select(c => c.Rule).Distinct().Count());
    }

    [Fact]
    public void A_new_contract_is_an_addition_and_a_deleted_one_a_removal()
    {
        var contract = Parse(ContractChangeCases.Contract);

        var added = ContractChangeClassifier.Compare(null, contract);
        var removed = ContractChangeClassifier.Compare(contract, null);

        Assert.Equal("contract-added", Assert.Single(added.Changes).Rule);
        Assert.Equal(ChangeSeverity.Info, added.HighestSeverity);
        Assert.Equal("contract-removed", Assert.Single(removed.Changes).Rule);
        Assert.True(removed.IsBreaking);
        Assert.Null(removed.Changes[0].Head);
        Assert.Equal(1, removed.Changes[0].Base!.Value.Line);
        Assert.Empty(ContractChangeClassifier.Compare(null, null).Changes);
    }

    [Fact]
    public void A_contract_compared_with_itself_has_no_changes()
    {
        var changes = Compare(ContractChangeCases.Contract, ContractChangeCases.Contract);

        Assert.Empty(changes.Changes);
        Assert.Null(changes.HighestSeverity);
        Assert.Equal(VersionBump.None, changes.RequiredBump);
    }

    [Fact]
    public void Reordering_lists_matched_by_key_is_not_a_change()
    {
        var contract = ContractChangeCases.Contract;
        var reordered = ContractChangeCases.Replace(contract, "tags: [sales, orders]", "tags: [orders, sales]");
        reordered = ContractChangeCases.Replace(reordered,
            "  - property: latency\n    value: 4\n    unit: h\n  - property: availability\n    value: 99.9%\n",
            "  - property: availability\n    value: 99.9%\n  - property: latency\n    value: 4\n    unit: h\n");
        reordered = ContractChangeCases.Replace(reordered,
            "  - property: costCenter\n    value: cc-12\n  - property: tier\n    value: gold\n",
            "  - property: tier\n    value: gold\n  - property: costCenter\n    value: cc-12\n");
        reordered = ContractChangeCases.Replace(reordered,
            "      - name: ordered_at\n        logicalType: date\n        partitioned: true\n        partitionKeyPosition: 1\n",
            "");
        reordered = ContractChangeCases.Replace(reordered,
            "      - name: order_id\n",
            "      - name: ordered_at\n        partitionKeyPosition: 1\n        partitioned: true\n        logicalType: date\n      - name: order_id\n");

        Assert.Empty(Compare(contract, reordered).Changes);
    }

    [Fact]
    public void A_v3_0_exclusive_flag_is_read_as_the_bound_it_makes_exclusive()
    {
        var v30 = ContractChangeCases.Replace(ContractChangeCases.Contract, "maxLength: 320", "maximum: 320\n          exclusiveMaximum: true");
        var v31 = ContractChangeCases.Replace(ContractChangeCases.Contract, "maxLength: 320", "exclusiveMaximum: 320");
        var tighter = ContractChangeCases.Replace(ContractChangeCases.Contract, "maxLength: 320", "exclusiveMaximum: 300");

        var inclusive = ContractChangeCases.Replace(ContractChangeCases.Contract, "maxLength: 320", "maximum: 320");

        Assert.Empty(Compare(v30, v31).Changes);
        var change = Assert.Single(Compare(v30, tighter).Changes);
        Assert.Equal(("constraint-tightened", ChangeSeverity.Breaking), (change.Rule, change.Severity));
        // Dropping the exclusive flag lets 320 through: one loosened bound, not a removed and an added one.
        var dropped = Assert.Single(Compare(v30, inclusive).Changes);
        Assert.Equal("constraint-loosened", dropped.Rule);
        Assert.Contains("the upper bound of 'orders.customer_email' loosens from exclusiveMaximum 320 to maximum 320", dropped.Message, StringComparison.Ordinal);
        Assert.Equal("constraint-tightened", Assert.Single(Compare(inclusive, v31).Changes).Rule);
    }

    [Fact]
    public void Equal_values_written_differently_are_not_changes()
    {
        var before = ContractChangeCases.Contract;
        var after = ContractChangeCases.Replace(before, "value: 4\n    unit: h", "value: 240\n    unit: minutes");
        after = ContractChangeCases.Replace(after, "maxLength: 320", "maxLength: 320.0");
        after = ContractChangeCases.Replace(after, "status: active", "status: Active");

        Assert.Empty(Compare(before, after).Changes);
    }

    [Fact]
    public void A_breaking_change_calls_for_a_major_version_and_an_addition_for_a_minor_one()
    {
        var contract = ContractChangeCases.Contract;
        var breaking = Compare(contract, ContractChangeCases.Replace(ContractChangeCases.Replace(contract, "- name: amount", "- name: total"), "version: 1.0.0", "version: 1.1.0"));
        var additive = Compare(contract, ContractChangeCases.Replace(contract, "slaProperties:", "  - server: dev\n    type: postgresql\n    host: dev\nslaProperties:"));
        var wording = Compare(contract, ContractChangeCases.Replace(contract, "usage: Daily revenue.", "usage: Daily revenue reports."));

        Assert.Equal((VersionBump.Major, VersionBump.Minor, "1.0.0", "1.1.0"), (breaking.RequiredBump, breaking.VersionBump, breaking.BaseVersion, breaking.HeadVersion));
        Assert.True(breaking.IsBreaking);
        Assert.Equal((VersionBump.Minor, VersionBump.None), (additive.RequiredBump, additive.VersionBump));
        Assert.Equal(ChangeSeverity.Info, additive.HighestSeverity);
        Assert.Equal(VersionBump.Patch, wording.RequiredBump);
    }

    [Fact]
    public void A_change_points_at_its_line_at_head_and_a_removal_at_what_remains()
    {
        var before = ContractChangeCases.Contract;
        var after = ContractChangeCases.Replace(before, "logicalType: number", "logicalType: string");
        after = ContractChangeCases.Replace(after, "      - name: customer_email\n        logicalType: string\n        classification: confidential\n        logicalTypeOptions:\n          maxLength: 320\n          minLength: 3\n", "");

        var changes = Compare(before, after).Changes;

        var typeChange = changes.Single(c => c.Rule == "logical-type-changed");
        Assert.Equal(LineOf(after, "logicalType: string", after.IndexOf("- name: amount", StringComparison.Ordinal)), typeChange.Head!.Value.Line);
        Assert.Equal(LineOf(before, "logicalType: number"), typeChange.Base!.Value.Line);
        var removal = changes.Single(c => c.Rule == "property-removed");
        Assert.Equal("schema[orders].properties[customer_email]", removal.Path);
        Assert.Equal(LineOf(before, "- name: customer_email"), removal.Base!.Value.Line);
        Assert.Equal(LineOf(after, "- name: order_id"), removal.Head!.Value.Line);
    }

    [Fact]
    public void Constraints_compare_by_direction_and_dates_by_instant()
    {
        var before = Contract("""
            - name: shipped_on
              logicalType: date
              logicalTypeOptions:
                minimum: "2020-01-01"
                maximum: "2030-12-31"
            - name: code
              logicalType: string
              logicalTypeOptions:
                pattern: "^[A-Z]{3}$"
            - name: quantities
              logicalType: array
              logicalTypeOptions:
                uniqueItems: true
                minItems: 1
            """);
        var after = Contract("""
            - name: shipped_on
              logicalType: date
              logicalTypeOptions:
                minimum: "2019-01-01"
                maximum: "2025-12-31"
            - name: code
              logicalType: string
              logicalTypeOptions:
                pattern: "^[A-Z]{2,3}$"
            - name: quantities
              logicalType: array
              logicalTypeOptions:
                uniqueItems: false
                minItems: 1
                maxItems: 50
            """);

        var changes = Compare(before, after).Changes.Select(c => (c.Rule, c.Path.Split('.').Last())).ToList();

        Assert.Equal(
            [
                ("constraint-loosened", "minimum"),
                ("constraint-tightened", "maximum"),
                ("constraint-tightened", "pattern"),
                ("constraint-loosened", "uniqueItems"),
                ("constraint-tightened", "maxItems"),
            ],
            changes);
    }

    [Fact]
    public void A_logical_type_change_does_not_also_report_its_options()
    {
        var before = Contract("""
            - name: code
              logicalType: string
              logicalTypeOptions:
                maxLength: 3
            """);
        var after = Contract("""
            - name: code
              logicalType: integer
              logicalTypeOptions:
                maximum: 999
            """);

        Assert.Equal(["logical-type-changed"], Compare(before, after).Changes.Select(c => c.Rule));
    }

    [Fact]
    public void Unnamed_quality_rules_are_matched_by_content_then_by_metric()
    {
        var before = Contract("""
            - name: amount
              logicalType: number
              quality:
                - metric: nullValues
                  mustBe: 0
                - metric: rowCount
                  mustBeGreaterThan: 10
            """);
        var after = Contract("""
            - name: amount
              logicalType: number
              quality:
                - metric: rowCount
                  mustBeGreaterThan: 100
                - metric: nullValues
                  mustBe: 0
            """);

        var change = Assert.Single(Compare(before, after).Changes);

        Assert.Equal("quality-changed", change.Rule);
        Assert.Contains("mustBeGreaterThan 10 → 100", change.Message);
    }

    [Fact]
    public void Server_roles_are_server_metadata_and_port_changes_are_location()
    {
        var before = ContractChangeCases.Replace(ContractChangeCases.Contract, "environment: prod\n", "environment: prod\n    roles:\n      - role: etl\n        access: write\n");
        var after = ContractChangeCases.Replace(ContractChangeCases.Contract, "port: 5432", "port: 6432");

        var rules = Compare(before, after).Changes.Select(c => (c.Rule, c.Path)).ToList();

        Assert.Equal([("server-location-changed", "servers[prod].port"), ("server-metadata-changed", "servers[prod].roles[etl]")], rules);
    }

    [Fact]
    public void Team_members_in_the_odcs_3_0_list_form_are_matched_by_username()
    {
        var before = ContractChangeCases.Replace(ContractChangeCases.Contract, "team:\n  name: sales-team\n  members:\n    - username: alice\n      role: owner\n", "team:\n  - username: alice\n    role: owner\n  - username: bob\n");
        var after = ContractChangeCases.Replace(ContractChangeCases.Contract, "team:\n  name: sales-team\n  members:\n    - username: alice\n      role: owner\n", "team:\n  - username: bob\n  - username: alice\n    role: owner\n");
        var left = ContractChangeCases.Replace(after, "  - username: bob\n", "");

        Assert.Empty(Compare(before, after).Changes);
        Assert.Equal("team member 'bob' leaves", Assert.Single(Compare(before, left).Changes).Message);
    }

    [Fact]
    public void Odd_shapes_are_compared_without_throwing()
    {
        var before = ContractChangeCases.Contract;
        var after = """
            id: sales.orders.v1
            version: [1]
            status: {state: active}
            schema: {orders: 1}
            servers: prod
            slaProperties: [1, 2]
            team: sales
            support: "#sales"
            roles: [{access: read}]
            description: just text
            customProperties: {a: b}
            tags: sales
            """;

        var changes = Compare(before, after);

        Assert.Contains(changes.Changes, c => (c.Rule, c.Path) == ("object-removed", "schema"));
        Assert.Contains(changes.Changes, c => (c.Rule, c.Path) == ("server-location-changed", "servers"));
        Assert.Equal(VersionBump.Unparseable, changes.VersionBump);
        Assert.NotEmpty(Compare(after, before).Changes);
        Assert.Empty(Compare(after, after).Changes);
    }

    [Fact]
    public void Repeated_and_position_like_keys_never_collide()
    {
        var before = Contract("""
            - name: a
              logicalType: string
            - name: a
              logicalType: integer
            - name: a (2)
              logicalType: date
            - logicalType: number
            - name: "#4"
              logicalType: boolean
            """);
        var after = Contract("""
            - name: a
              logicalType: string
            - name: a
              logicalType: integer
            - name: a (2)
              logicalType: timestamp
            - logicalType: number
            - name: "#4"
              logicalType: boolean
            """);

        var changes = Compare(before, after).Changes;

        var change = Assert.Single(changes);
        Assert.Equal("logical-type-changed", change.Rule);
        // The second 'a' is 'a (2)', so the property named 'a (2)' itself becomes 'a (2) (2)': odd, but never confused.
        Assert.Equal("schema[orders].properties[a (2) (2)].logicalType", change.Path);
        Assert.Single(Compare(after, before).Changes);
    }

    [Fact]
    public void Lists_of_another_shape_on_both_sides_are_compared_whole()
    {
        var before = "id: c\nversion: 1.0.0\nschema: [orders]\nservers: {prod: {host: a}}\nsupport: ['#sales']\n";
        var after = "id: c\nversion: 1.0.0\nschema: [customers]\nservers: {prod: {host: b}}\nsupport: ['#orders']\n";

        var changes = Compare(before, after).Changes.Select(c => (c.Rule, c.Path)).ToList();

        Assert.Equal(
            [("object-removed", "schema"), ("server-location-changed", "servers.prod.host"), ("support-changed", "support")],
            changes);
    }

    [Fact]
    public void An_option_set_to_its_default_is_not_a_change()
    {
        var before = Contract("- name: tags\n  logicalType: array\n  logicalTypeOptions:\n    maxItems: 5\n");
        var after = Contract("- name: tags\n  logicalType: array\n  logicalTypeOptions:\n    maxItems: 5\n    uniqueItems: false\n");

        Assert.Empty(Compare(before, after).Changes);
    }

    [Fact]
    public void Sla_entries_are_told_apart_by_element_and_driver_and_valueExt_counts()
    {
        const string Head = "id: c\nversion: 1.0.0\nslaProperties:\n";
        var before = Head + "  - {property: timeOfAvailability, value: '09:00', driver: operational}\n  - {property: timeOfAvailability, value: '12:00', driver: regulatory}\n  - {property: retention, value: 1, unit: y, valueExt: 'archived'}\n";
        var swapped = Head + "  - {property: timeOfAvailability, value: '12:00', driver: regulatory}\n  - {property: timeOfAvailability, value: '09:00', driver: operational}\n  - {property: retention, value: 1, unit: y, valueExt: 'archived'}\n";
        var extended = Head + "  - {property: timeOfAvailability, value: '09:00', driver: operational}\n  - {property: timeOfAvailability, value: '12:00', driver: regulatory}\n  - {property: retention, value: 1, unit: y, valueExt: 'deleted'}\n";

        Assert.Empty(Compare(before, swapped).Changes);
        var change = Assert.Single(Compare(before, extended).Changes);
        Assert.Equal(("sla-changed", "slaProperties[retention].value"), (change.Rule, change.Path));
    }

    [Theory]
    [InlineData("1.2.3", "2.0.0", VersionBump.Major)]
    [InlineData("1.2.3", "1.3.0", VersionBump.Minor)]
    [InlineData("1.2.3", "1.2.4", VersionBump.Patch)]
    [InlineData("v1.2", "1.2.0", VersionBump.None)]
    [InlineData("2.0.0-rc.1", "2.0.0", VersionBump.Major)]
    [InlineData("1.3.0-beta.2", "1.3.0", VersionBump.Minor)]
    [InlineData("1.2.4-rc.1", "1.2.4", VersionBump.Patch)]
    [InlineData("1.0.0-rc.2", "1.0.0-rc.10", VersionBump.Major)]
    [InlineData("1.2.0", "1.1.9", VersionBump.Downgrade)]
    [InlineData("1.2.0", "latest", VersionBump.Unparseable)]
    [InlineData(null, "1.0.0", VersionBump.Unparseable)]
    public void Versions_move_by_semantic_versioning(string? before, string after, VersionBump expected) =>
        Assert.Equal(expected, SemanticVersion.Compare(before, after));

    [CorpusFact]
    public void Every_corpus_contract_compared_with_itself_has_no_changes()
    {
        var files = Directory.GetFiles(Path.Combine(RepositoryPaths.Corpus, "odcs"), "*.odcs.yaml")
            .Concat(Directory.GetFiles(Path.Combine(RepositoryPaths.Corpus, "datacontract-cli-fixtures"), "changelog_*.yaml"));

        Assert.All(files, file =>
        {
            var text = File.ReadAllText(file);
            Assert.Empty(Compare(text, text).Changes);
        });
    }

    [CorpusFact]
    public void Removing_any_line_of_a_corpus_contract_never_throws()
    {
        var path = Path.Combine(RepositoryPaths.Corpus, "odcs", "all_full-example.odcs.yaml");
        var lines = File.ReadAllLines(path);
        var whole = Parse(string.Join('\n', lines));
        var compared = 0;

        for (var i = 0; i < lines.Length; i++)
        {
            var text = string.Join('\n', lines.Where((_, n) => n != i));
            if (YamlDocumentReader.Read(text, "c.odcs.yaml").Root is not { } edited)
            {
                continue;
            }

            ContractChangeClassifier.Compare(whole, edited);
            ContractChangeClassifier.Compare(edited, whole);
            compared++;
        }

        Assert.True(compared > lines.Length / 2, $"only {compared} of {lines.Length} edits parsed");
    }

    /// <summary>
    /// The ODCS changelog fixture of datacontract-cli: every change its golden output lists is found, classified,
    /// and its reordered custom properties are not a change.
    /// </summary>
    [CorpusFact]
    public void The_datacontract_cli_changelog_fixture_is_classified()
    {
        var folder = Path.Combine(RepositoryPaths.Corpus, "datacontract-cli-fixtures");
        var changes = Compare(File.ReadAllText(Path.Combine(folder, "changelog_changelog_unit_v1.yaml")), File.ReadAllText(Path.Combine(folder, "changelog_changelog_unit_v2.yaml")));
        var found = changes.Changes.Select(c => (c.Rule, c.Path)).ToList();

        Assert.Contains(("object-added", "schema[customers]"), found);
        Assert.Contains(("property-removed", "schema[orders].properties[customer_id]"), found);
        Assert.Contains(("logical-type-changed", "schema[orders].properties[order_date].logicalType"), found);
        Assert.Contains(("description-changed", "schema[orders].properties[order_id].description"), found);
        Assert.Contains(("property-added", "schema[orders].properties[region]"), found);
        Assert.Contains(("required-added", "schema[orders].properties[total_amount].required"), found);
        Assert.Contains(("sla-weakened", "slaProperties[availability].value"), found);
        Assert.Contains(("status-deprecated", "status"), found);
        Assert.Contains(("role-added", "roles[viewer]"), found);
        Assert.Contains(("support-changed", "support[email]"), found);
        Assert.Contains(("team-changed", "team.members[carol]"), found);
        Assert.Contains(("server-metadata-changed", "servers[production].roles[writer]"), found);
        Assert.DoesNotContain(found, f => f.Path.Contains("data-owner", StringComparison.Ordinal));
        Assert.Contains(found, f => f.Path == "description.customProperties[sensitivity].value");
        Assert.Equal(VersionBump.Major, changes.VersionBump);
        Assert.Equal(VersionBump.Major, changes.RequiredBump);
    }

    private static ContractChangeSet Compare(string before, string after) => ContractChangeClassifier.Compare(Parse(before), Parse(after));

    private static SourceMapping Parse(string text)
    {
        var result = YamlDocumentReader.Read(text, "domains/sales/contracts/orders.odcs.yaml");
        return result.Root ?? throw new InvalidOperationException(string.Join("; ", result.Diagnostics.Select(d => d.Message)));
    }

    /// <summary>A contract with one schema object, <c>orders</c>, whose properties are the given YAML list.</summary>
    private static string Contract(string properties) =>
        "id: c\nversion: 1.0.0\nschema:\n  - name: orders\n    properties:\n" + string.Join('\n', properties.Split('\n').Select(l => "      " + l)) + "\n";

    private static int LineOf(string text, string what, int from = 0) =>
        text[..text.IndexOf(what, from, StringComparison.Ordinal)].Count(c => c == '\n') + 1;
}
