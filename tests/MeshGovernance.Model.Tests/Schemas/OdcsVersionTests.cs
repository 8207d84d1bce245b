using System.Text.Json;
using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Loading;
using MeshGovernance.Model.Schemas;
using MeshGovernance.Model.Yaml;
using MeshGovernance.Testing;

namespace MeshGovernance.Model.Tests.Schemas;

/// <summary>
/// Each ODCS contract is judged by the schema of the version it declares (v3.0.0, v3.0.1, v3.0.2 or
/// v3.1.0): the real files of ../shared/corpus/realworld get the official verdict of their version, and
/// the differences between the releases hold in both directions. Formats are checked as the standard's CI
/// checks them.
/// </summary>
public class OdcsVersionTests
{
    private static string RealWorld => Path.Combine(RepositoryPaths.Corpus, "realworld");

    /// <summary>Every file of group odcs-v3 declaring v3.0.0 to v3.1.0: its id, declared version and official verdict.</summary>
    public static TheoryData<string, string, bool> RealWorldContracts()
    {
        var data = new TheoryData<string, string, bool>();
        if (!File.Exists(Path.Combine(RealWorld, "manifest.json")))
        {
            data.Add("(corpus absent)", "", true);
            return data;
        }

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(RealWorld, "manifest.json")));
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(RealWorld, "expected-official.json")));
        foreach (var entry in manifest.RootElement.EnumerateArray())
        {
            var version = entry.GetProperty("declaredVersion").ValueKind == JsonValueKind.String ? entry.GetProperty("declaredVersion").GetString()! : null;
            if (entry.GetProperty("group").GetString() != "odcs-v3" || version is not ("v3.0.0" or "v3.0.1" or "v3.0.2" or "v3.1.0"))
            {
                continue;
            }

            var file = entry.GetProperty("file").GetString()!;
            var verdict = expected.RootElement.GetProperty(Path.GetFileNameWithoutExtension(file));
            // The verdict with formats checked, as the standard's CI checks them.
            data.Add(file, version, verdict.GetProperty("valid").GetBoolean() && !verdict.TryGetProperty("yamlStrictError", out _));
        }

        return data;
    }

    [CorpusTheory]
    [MemberData(nameof(RealWorldContracts))]
    public void A_real_contract_gets_the_official_verdict_of_its_declared_version(string file, string version, bool valid)
    {
        var path = Path.Combine(RealWorld, file);
        var diagnostics = MeshFileReader.Read(new MeshFile(file, path, DocumentKind.Contract, "realworld", "c"), YamlLimits.Default).Diagnostics;
        var wellFormed = diagnostics.All(d => d.Id != "MG1001");
        var schemaErrors = diagnostics.Where(d => d.Id.StartsWith("MG11", StringComparison.Ordinal) && d.Level == DiagnosticLevel.Error).ToList();

        Assert.DoesNotContain(diagnostics, d => d.Id == "MG1016");
        if (!wellFormed)
        {
            // Only the file that is not well-formed YAML 1.2 (the official verdict is on a lenient reading).
            Assert.False(valid, $"{file} ({version}) is valid for the official schema but does not read as YAML here");
            return;
        }

        Assert.True(valid == (schemaErrors.Count == 0),
            $"{file} ({version}): official {(valid ? "valid" : "invalid")}, meshgov {(schemaErrors.Count == 0 ? "valid" : "invalid")}:{Environment.NewLine}"
            + string.Join(Environment.NewLine, schemaErrors.Take(8).Select(d => $"  {d.Line}: {d.Id} {d.Message}")));
    }

    // ------------------------------------------------------------ the differences, in both directions

    private static string Head(string version) => $"apiVersion: {version}\nkind: DataContract\nid: c\nversion: 1.0.0\nstatus: active\n";

    private static IReadOnlyList<Diagnostic> Validate(string version, string body)
    {
        var read = YamlDocumentReader.Read(Head(version) + body, "f.yaml");
        Assert.Empty(read.Diagnostics);
        return SchemaValidator.Validate(read.Root!, DocumentKind.Contract, "c");
    }

    private const string RuleCheck = "schema:\n  - name: t\n    quality:\n      - rule: nullCheck\n        mustBe: 0\n";
    private const string ExclusiveFlag = "schema:\n  - name: t\n    properties:\n      - name: n\n        logicalType: integer\n        logicalTypeOptions:\n          maximum: 10\n          exclusiveMaximum: true\n";
    private const string SlaColumn = "slaProperties:\n  - property: latency\n    value: 4\n    unit: d\n    column: orders.order_ts\n";
    private const string OpenServer = "servers:\n  - server: events\n    type: kafka\n    host: broker:9092\n    topic: orders\n";

    [Theory]
    [InlineData("v3.0.0", RuleCheck)]
    [InlineData("v3.0.2", RuleCheck)]
    [InlineData("v3.0.1", ExclusiveFlag)]
    [InlineData("v3.0.2", ExclusiveFlag)]
    [InlineData("v3.0.0", SlaColumn)]
    [InlineData("v3.0.2", SlaColumn)]
    [InlineData("v3.0.2", OpenServer)]
    public void What_v3_0_allows_is_accepted_under_v3_0(string version, string body) =>
        Assert.Empty(Validate(version, body));

    [Theory]
    [InlineData(RuleCheck, "MG1106", "schema[0].quality[0] is missing the required property 'metric'")]
    [InlineData(ExclusiveFlag, "MG1106", "exclusiveMaximum must be a number")]
    [InlineData(SlaColumn, "MG1102", "Property 'column' is not allowed")]
    [InlineData(OpenServer, "MG1102", "Property 'topic' is not allowed")]
    public void The_same_is_refused_under_v3_1_0(string body, string id, string message)
    {
        var findings = Validate("v3.1.0", body);

        Assert.True(findings.Any(f => f.Id == id && f.Message.Contains(message, StringComparison.Ordinal)), string.Join(Environment.NewLine, findings.Select(f => $"{f.Id} {f.Message}")));
        Assert.DoesNotContain(findings, f => f.Message.Contains("ODCS v3.1.0", StringComparison.Ordinal));
    }

    [Fact]
    public void A_v3_0_library_check_needs_its_rule_and_says_the_version()
    {
        var finding = Assert.Single(Validate("v3.0.2", "schema:\n  - name: t\n    quality:\n      - metric: nullValues\n        mustBe: 0\n"));

        Assert.Equal(("MG1106", 9), (finding.Id, finding.Line));
        Assert.Equal("schema[0].quality[0] is missing the required property 'rule' (required when type is 'library', in ODCS v3.0.2).", finding.Message);
    }

    [Fact]
    public void What_came_with_v3_1_is_refused_under_v3_0_naming_the_version()
    {
        var teamObject = Validate("v3.0.2", "team:\n  name: orders\n  members:\n    - username: ann\n");
        var timestamp = Validate("v3.0.1", "schema:\n  - name: t\n    properties:\n      - name: ts\n        logicalType: timestamp\n");
        var stableId = Validate("v3.0.0", "schema:\n  - id: t1\n    name: t\n");

        Assert.Equal("team must be a list; found a mapping (ODCS v3.0.2).", Assert.Single(teamObject).Message);
        Assert.Contains("logicalType must be one of: string, date, number, integer, object, array, boolean; found 'timestamp' (ODCS v3.0.1)", Assert.Single(timestamp).Message);
        var id = Assert.Single(stableId);
        Assert.Equal(("MG1102", 7, 5), (id.Id, id.Line, id.Column));
        Assert.StartsWith("Property 'id' is not allowed in ODCS v3.0.0 in schema[0].", id.Message);
    }

    [Theory]
    [InlineData("v3.0.0", false)]
    [InlineData("v3.0.1", false)]
    [InlineData("v3.0.2", true)]
    [InlineData("v3.1.0", true)]
    public void A_property_may_have_a_physical_name_from_v3_0_2(string version, bool allowed)
    {
        var findings = Validate(version, "schema:\n  - name: t\n    properties:\n      - name: a\n        physicalName: col_a\n");

        Assert.Equal(allowed, findings.Count == 0);
    }

    [Theory]
    [InlineData("v3.0.0", false)]
    [InlineData("v3.0.1", true)]
    [InlineData("v3.0.2", true)]
    public void Contract_level_authoritative_definitions_came_with_v3_0_1(string version, bool allowed) =>
        Assert.Equal(allowed, Validate(version, "authoritativeDefinitions:\n  - type: businessDefinition\n    url: https://example.com/d\n").Count == 0);

    [Theory]
    [InlineData("v3.0.0", "staging_dir", true)]
    [InlineData("v3.0.1", "stagingDir", false)]
    [InlineData("v3.0.2", "stagingDir", true)]
    [InlineData("v3.0.2", "staging_dir", false)]
    public void Athena_requires_the_staging_directory_as_each_release_spells_it(string version, string key, bool valid) =>
        Assert.Equal(valid, Validate(version, $"servers:\n  - server: q\n    type: athena\n    schema: s\n    {key}: s3://bucket/results\n").Count == 0);

    [Fact]
    public void A_location_that_is_not_a_uri_is_reported_at_its_line_with_the_reason()
    {
        var finding = Assert.Single(Validate("v3.1.0", "servers:\n  - server: lake\n    type: s3\n    location: s3://bucket/{model}/*.json\n"));

        Assert.Equal("servers[0].location must be a URI (RFC 3986); found 's3://bucket/{model}/*.json': its path contains '{', which a URI must percent-encode (as %7B).", finding.Message);
        Assert.Equal(("MG1104", 9, 15), (finding.Id, finding.Line, finding.Column));
    }

    [Theory]
    [InlineData("v3.0.2", "contractCreatedTs: 2023-10-01 10:00:00\n", "contractCreatedTs must be a date and time with its UTC offset")]
    [InlineData("v3.1.0", "team:\n  name: t\n  members:\n    - username: ann\n      dateIn: 2023-02-29\n", "team.members[0].dateIn must be a date written YYYY-MM-DD")]
    [InlineData("v3.0.0", "team:\n  - username: ann\n    dateOut: 2023-1-5\n", "team[0].dateOut must be a date written YYYY-MM-DD")]
    public void Dates_and_timestamps_are_checked_as_rfc_3339(string version, string body, string message) =>
        Assert.Contains(message, Assert.Single(Validate(version, body)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("contractCreatedTs: 2023-10-01T10:00:00Z\n")]
    [InlineData("contractCreatedTs: 2023-10-01 10:00:00+02:00\n")]
    [InlineData("team:\n  name: t\n  members:\n    - username: ann\n      dateIn: 2024-02-29\n")]
    [InlineData("servers:\n  - server: lake\n    type: s3\n    location: s3://bucket/orders/*.json\n")]
    [InlineData("servers:\n  - server: x\n    type: custom\n    location: abfss://c@account.dfs.core.windows.net/p\n")]
    public void Values_in_their_format_pass(string body) => Assert.Empty(Validate("v3.1.0", body));
}
