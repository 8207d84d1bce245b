using MeshGovernance.Model.Migration;
using MeshGovernance.Model.Yaml;
using MeshGovernance.Testing;

namespace MeshGovernance.Model.Tests.Migration;

/// <summary>Data Contract Specification files become ODCS v3.1.0 contracts, with every value carried or listed.</summary>
public sealed class DataContractSpecificationMigrationTests
{
    public static TheoryData<string> Files() => MigrationCorpus.Dcs();

    /// <summary>
    /// Every DCS file of the corpus becomes a contract the v3.1.0 schema accepts. The specification's own examples
    /// write S3 locations with a DCS placeholder (<c>s3://bucket/{model}/*.json</c>), which is no URI: ODCS checks
    /// the format, so that value, carried as written, is the one error left, and it is reported at its line.
    /// </summary>
    [CorpusTheory]
    [MemberData(nameof(Files))]
    public void A_data_contract_specification_file_becomes_an_odcs_contract_the_schema_accepts(string file)
    {
        var path = Path.Combine(RepositoryPaths.Corpus, file);
        var original = File.ReadAllText(path);

        var result = ContractMigrator.Migrate(original, Path.GetFileName(path));

        Assert.True(result.Outcome == MigrationOutcome.Migrated, $"{file}: {result.Outcome} {result.Error?.Message}");
        Assert.StartsWith("Data Contract Specification ", result.From, StringComparison.Ordinal);
        var errors = MigrationCorpus.SchemaErrors(result.Text!, file);
        var unexplained = errors.Where(e => !(e.Message.Contains("must be a URI", StringComparison.Ordinal) && e.Message.Contains("{model}", StringComparison.Ordinal))).ToList();
        Assert.True(unexplained.Count == 0, $"{file} migrates to a contract the v3.1.0 schema refuses:{Environment.NewLine}"
            + string.Join(Environment.NewLine, unexplained.Select(d => $"  {d.Line}:{d.Column} {d.Message}")) + Environment.NewLine + result.Text);
        if (file.StartsWith("realworld", StringComparison.Ordinal))
        {
            Assert.Empty(errors);
        }

        foreach (var error in errors)
        {
            Assert.Contains(result.Notes, n => n.Kind == MigrationNoteKind.Attention && n.Message.Contains(error.Message, StringComparison.Ordinal));
        }

        // Stable: the same input gives the same document, and the document is current.
        Assert.Equal(result.Text, ContractMigrator.Migrate(original, Path.GetFileName(path)).Text);
        Assert.Equal(MigrationOutcome.AlreadyCurrent, ContractMigrator.Migrate(result.Text!, file).Outcome);
    }

    [CorpusTheory]
    [MemberData(nameof(Files))]
    public void Every_value_is_carried_over_or_listed(string file)
    {
        var path = Path.Combine(RepositoryPaths.Corpus, file);
        var original = YamlDocumentReader.Read(File.ReadAllText(path), file).Root!;
        var result = ContractMigrator.Migrate(File.ReadAllText(path), file);
        var migrated = YamlDocumentReader.Read(result.Text!, file).Root!;
        var written = Scalars(migrated).ToHashSet(StringComparer.Ordinal);

        // Each scalar of the original is in the result, or the notes name the line it was on.
        var noted = result.Notes.Select(n => n.Line).ToHashSet();
        foreach (var (value, line) in ScalarsWithLines(original))
        {
            Assert.True(written.Contains(value) || written.Any(w => w.Contains(value, StringComparison.Ordinal)) || noted.Contains(line) || Carried(value),
                $"{file}: '{value}' (line {line}) is neither in the ODCS document nor named by a note");
        }
    }

    /// <summary>Values the mapping rewrites rather than copies: the DCS version, a quality engine's name, durations split into value and unit.</summary>
    private static bool Carried(string value) => value is "1.2.1" or "1.2.0" or "1.1.0" or "0.9.3" or "SodaCL" || System.Text.RegularExpressions.Regex.IsMatch(value, @"^(\d+[a-z]|P\d+[YMWD]|PT\d+[HMS])$");

    private static IEnumerable<string> Scalars(SourceNode node) => ScalarsWithLines(node).Select(s => s.Value);

    private static IEnumerable<(string Value, int Line)> ScalarsWithLines(SourceNode node)
    {
        switch (node)
        {
            case SourceScalar { IsNull: false } scalar:
                yield return (scalar.Value, scalar.Span.Line);
                break;
            case SourceMapping mapping:
                foreach (var (_, value) in mapping.Entries)
                {
                    foreach (var s in ScalarsWithLines(value))
                    {
                        yield return s;
                    }
                }

                break;
            case SourceSequence sequence:
                foreach (var s in sequence.Items.SelectMany(ScalarsWithLines))
                {
                    yield return s;
                }

                break;
        }
    }

    private static MigrationResult Migrate(string yaml) => ContractMigrator.Migrate(yaml.ReplaceLineEndings("\n"), "orders.datacontract.yaml");

    private const string Small = """
        # The orders of the webshop.
        dataContractSpecification: 1.2.1
        id: orders
        info:
          title: Orders
          version: 1.0.0
          status: active # since spring
          owner: Checkout Team
        models:
          orders:
            type: table
            description: One record per order.
            primaryKey: [order_id]
            fields:
              # The business key.
              order_id:
                $ref: '#/definitions/order_id'
              status:
                type: string
                enum: [open, shipped]
              amount:
                type: decimal
                precision: 10
                scale: 2
                minimum: 0
              customer:
                type: object
                fields:
                  email:
                    type: text
                    format: email
                    pii: true
        definitions:
          order_id:
            type: text
            title: Order ID
            format: uuid
        servers:
          prod:
            type: dataframe
            environment: prod
        servicelevels:
          latency:
            threshold: 25h
            sourceTimestampField: orders.created_at
          retention:
            period: P1Y
        """;

    [Fact]
    public void Fields_become_properties_with_logical_type_physical_type_and_options()
    {
        var result = Migrate(Small);
        var root = YamlDocumentReader.Read(result.Text!, "o").Root!;
        var orders = root.GetMappings("schema").Single();
        var properties = orders.GetMappings("properties").ToList();

        Assert.Equal(("v3.1.0", "DataContract", "orders", "Orders", "1.0.0", "active"),
            (root.GetString("apiVersion"), root.GetString("kind"), root.GetString("id"), root.GetString("name"), root.GetString("version"), root.GetString("status")));
        Assert.Equal("Checkout Team", root.GetMapping("team")!.GetString("name"));
        Assert.Equal(["order_id", "status", "amount", "customer"], properties.Select(p => p.GetString("name")));
        var orderId = properties[0];
        Assert.Equal(("Order ID", "string", "text", "uuid", true, "1"),
            (orderId.GetString("businessName"), orderId.GetString("logicalType"), orderId.GetString("physicalType"), orderId.GetMapping("logicalTypeOptions")!.GetString("format"),
             orderId.GetBoolean("primaryKey"), orderId.GetString("primaryKeyPosition")));
        var check = properties[1].GetMappings("quality").Single();
        Assert.Equal(("invalidValues", "0"), (check.GetString("metric"), check.GetString("mustBe")));
        Assert.Equal(["open", "shipped"], check.GetMapping("arguments")!.GetStrings("validValues"));
        Assert.Equal(["precision", "scale"], properties[2].GetMappings("customProperties").Select(c => c.GetString("property")));
        Assert.Equal("0", properties[2].GetMapping("logicalTypeOptions")!.GetString("minimum"));
        Assert.Equal("email", properties[3].GetMappings("properties").Single().GetString("name"));
        var server = root.GetMappings("servers").Single();
        Assert.Equal(("prod", "custom", "dataframe"), (server.GetString("server"), server.GetString("type"), server.GetMappings("customProperties").Single().GetString("value")));
        var sla = root.GetMappings("slaProperties").ToList();
        Assert.Equal([("latency", "25", "h", "orders.created_at"), ("retention", "1", "y", null)],
            sla.Select(s => (s.GetString("property"), s.GetString("value"), s.GetString("unit"), s.GetString("element"))));
        Assert.Empty(MigrationCorpus.SchemaErrors(result.Text!));
    }

    [Fact]
    public void Comments_go_with_the_entries_their_keys_become()
    {
        var text = Migrate(Small).Text!;
        var lines = text.Split('\n');

        Assert.Equal("# The orders of the webshop.", lines[0]);
        Assert.Contains("status: active # since spring", lines);
        var comment = Array.IndexOf(lines, "      # The business key.");
        Assert.True(comment > 0, text);
        Assert.Equal("      - name: order_id", lines[comment + 1]);
    }

    [Fact]
    public void Keys_come_in_the_standard_s_order()
    {
        var root = YamlDocumentReader.Read(Migrate(Small).Text!, "o").Root!;

        Assert.Equal(["apiVersion", "kind", "id", "name", "version", "status", "schema", "servers", "team", "slaProperties"],
            root.Entries.Select(e => e.Key.Value));
    }

    [Fact]
    public void A_contract_without_status_gets_draft_and_says_so()
    {
        var result = Migrate(Small.Replace("  status: active # since spring\n", "", StringComparison.Ordinal));

        Assert.Equal("draft", YamlDocumentReader.Read(result.Text!, "o").Root!.GetString("status"));
        var note = Assert.Single(result.Notes, n => n.Kind == MigrationNoteKind.Attention);
        Assert.Contains("no info.status", note.Message, StringComparison.Ordinal);
        Assert.Equal(("orders.datacontract.yaml", 6), (note.File, note.Line));
    }

    [Fact]
    public void What_an_sla_entry_has_no_place_for_is_listed_at_its_line()
    {
        var result = Migrate(Small.Replace("    sourceTimestampField: orders.created_at\n", "    sourceTimestampField: orders.created_at\n    processedTimestampField: orders.processed_at\n", StringComparison.Ordinal));

        var note = Assert.Single(result.Notes, n => n.Kind == MigrationNoteKind.Attention);
        Assert.Contains("servicelevels.latency.processedTimestampField", note.Message, StringComparison.Ordinal);
        Assert.Equal((46, 5), (note.Line, note.Column));
    }

    [Fact]
    public void A_reference_to_another_file_is_kept_and_reported()
    {
        var result = Migrate(Small.Replace("'#/definitions/order_id'", "'https://example.com/definitions.yaml#/order_id'", StringComparison.Ordinal));

        var note = Assert.Single(result.Notes, n => n.Kind == MigrationNoteKind.Attention);
        Assert.Contains("is not a definition of this file", note.Message, StringComparison.Ordinal);
        var order = YamlDocumentReader.Read(result.Text!, "o").Root!.GetMappings("schema").Single().GetMappings("properties").First();
        Assert.Equal(("$ref", "https://example.com/definitions.yaml#/order_id"), (order.GetMappings("customProperties").Single().GetString("property"), order.GetMappings("customProperties").Single().GetString("value")));
    }

    private const string SelfReferencing = """
        dataContractSpecification: 1.2.1
        id: tree
        info:
          title: Tree
          version: 1.0.0
          status: active
        models:
          nodes:
            type: table
            fields:
              root:
                $ref: '#/definitions/node'
        definitions:
          node:
            type: object
            fields:
              label:
                type: string
              children:
                type: array
                items:
                  $ref: '#/definitions/node'
        """;

    [Fact]
    public void A_definition_that_refers_to_itself_is_written_out_once_and_its_ref_kept()
    {
        var result = Migrate(SelfReferencing);

        Assert.Equal(MigrationOutcome.Migrated, result.Outcome);
        var note = Assert.Single(result.Notes, n => n.Kind == MigrationNoteKind.Attention);
        Assert.Contains("definition 'node' refers to itself ('node' → 'node')", note.Message, StringComparison.Ordinal);
        Assert.Contains("kept as a custom property", note.Message, StringComparison.Ordinal);
        Assert.Equal(("orders.datacontract.yaml", 22, 11), (note.File, note.Line, note.Column));
        var root = YamlDocumentReader.Read(result.Text!, "o").Root!.GetMappings("schema").Single().GetMappings("properties").Single();
        Assert.Equal(("root", "object"), (root.GetString("name"), root.GetString("logicalType")));
        var children = root.GetMappings("properties").Single(p => p.GetString("name") == "children");
        var kept = children.GetMapping("items")!.GetMappings("customProperties").Single();
        Assert.Equal(("$ref", "#/definitions/node"), (kept.GetString("property"), kept.GetString("value")));
        Assert.Empty(MigrationCorpus.SchemaErrors(result.Text!));
    }

    [Fact]
    public void A_definition_that_refers_to_itself_through_another_is_written_out_once_and_its_ref_kept()
    {
        var yaml = SelfReferencing.Replace("""
                  children:
                    type: array
                    items:
                      $ref: '#/definitions/node'
            """, """
                  parent:
                    $ref: '#/definitions/link'
              link:
                type: object
                fields:
                  target:
                    $ref: '#/definitions/node'
            """, StringComparison.Ordinal);
        Assert.NotEqual(SelfReferencing, yaml);

        var result = Migrate(yaml);

        Assert.Equal(MigrationOutcome.Migrated, result.Outcome);
        var note = Assert.Single(result.Notes, n => n.Kind == MigrationNoteKind.Attention);
        Assert.Contains("definition 'node' refers to itself ('node' → 'link' → 'node')", note.Message, StringComparison.Ordinal);
        Assert.Equal((25, 9), (note.Line, note.Column));
        var root = YamlDocumentReader.Read(result.Text!, "o").Root!.GetMappings("schema").Single().GetMappings("properties").Single();
        var target = root.GetMappings("properties").Single(p => p.GetString("name") == "parent").GetMappings("properties").Single();
        Assert.Equal("target", target.GetString("name"));
        var kept = target.GetMappings("customProperties").Single();
        Assert.Equal(("$ref", "#/definitions/node"), (kept.GetString("property"), kept.GetString("value")));
        Assert.Empty(MigrationCorpus.SchemaErrors(result.Text!));
    }

    [Fact]
    public void Definitions_that_refer_to_each_other_many_times_are_written_out_up_to_a_cap()
    {
        // d0 refers to d1 twice, d1 to d2 twice, …: written out in full, 2^25 properties.
        const int Levels = 25;
        var yaml = new System.Text.StringBuilder("""
            dataContractSpecification: 1.2.1
            id: wide
            info:
              title: Wide
              version: 1.0.0
              status: active
            models:
              things:
                type: table
                fields:
                  top:
                    $ref: '#/definitions/d0'
            definitions:

            """.ReplaceLineEndings("\n"));
        for (var i = 0; i < Levels; i++)
        {
            yaml.Append($"  d{i}:\n    type: object\n    fields:\n");
            if (i + 1 < Levels)
            {
                yaml.Append($"      left:\n        $ref: '#/definitions/d{i + 1}'\n      right:\n        $ref: '#/definitions/d{i + 1}'\n");
            }
            else
            {
                yaml.Append("      leaf:\n        type: string\n");
            }
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = Migrate(yaml.ToString());
        watch.Stop();

        Assert.Equal(MigrationOutcome.Migrated, result.Outcome);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
        var note = Assert.Single(result.Notes, n => n.Kind == MigrationNoteKind.Attention);
        Assert.Contains("more than 10,000 nodes", note.Message, StringComparison.Ordinal);
        Assert.Contains("kept as custom properties", note.Message, StringComparison.Ordinal);
        var written = YamlDocumentReader.Read(result.Text!, "o");
        Assert.Empty(written.Diagnostics);
        var kept = Mappings(written.Root!).SelectMany(m => m.GetMappings("customProperties")).Count(c => c.GetString("property") == "$ref");
        Assert.True(kept > 0);
        Assert.Contains($"({kept:N0} $refs are kept as custom properties instead)", note.Message, StringComparison.Ordinal);
        Assert.True(result.Text!.Length < 2_000_000, $"{result.Text!.Length:N0} characters");
    }

    [Fact]
    public void A_chain_of_definitions_too_deep_to_write_out_stops_with_its_ref_kept()
    {
        // d0 refers to d1, d1 to d2, …: written out, 2 levels each, past the 64 levels a file may nest.
        var yaml = new System.Text.StringBuilder("dataContractSpecification: 1.2.1\nid: deep\ninfo:\n  title: Deep\n  version: 1.0.0\n  status: active\n"
            + "models:\n  things:\n    type: table\n    fields:\n      top:\n        $ref: '#/definitions/d0'\ndefinitions:\n");
        for (var i = 0; i < 40; i++)
        {
            yaml.Append($"  d{i}:\n    type: object\n    fields:\n      next:\n        $ref: '#/definitions/d{i + 1}'\n");
        }

        yaml.Append("  d40:\n    type: string\n");

        var result = Migrate(yaml.ToString());

        Assert.Equal(MigrationOutcome.Migrated, result.Outcome);
        var note = Assert.Single(result.Notes, n => n.Kind == MigrationNoteKind.Attention);
        Assert.Contains("deeper than 64 levels", note.Message, StringComparison.Ordinal);
        var written = YamlDocumentReader.Read(result.Text!, "o");
        Assert.Empty(written.Diagnostics);
        Assert.Single(Mappings(written.Root!).SelectMany(m => m.GetMappings("customProperties")), c => c.GetString("property") == "$ref");
    }

    private static IEnumerable<SourceMapping> Mappings(SourceNode node) => node switch
    {
        SourceMapping mapping => mapping.Entries.SelectMany(e => Mappings(e.Value)).Prepend(mapping),
        SourceSequence sequence => sequence.Items.SelectMany(Mappings),
        _ => [],
    };
}
