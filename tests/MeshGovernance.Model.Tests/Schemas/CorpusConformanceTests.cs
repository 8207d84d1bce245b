using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Loading;
using MeshGovernance.Model.Schemas;
using MeshGovernance.Model.Yaml;
using MeshGovernance.Testing;

namespace MeshGovernance.Model.Tests.Schemas;

/// <summary>
/// Our schemas against the standards' own examples in ../shared/corpus: every official example gets the
/// verdict of the official schema of the version it declares, and a contract that breaks the ODCS if/then
/// rules is caught.
/// </summary>
public class CorpusConformanceTests
{
    public static TheoryData<string> OdcsExamples => Files("odcs", "*.odcs.yaml");

    public static TheoryData<string> OdpsExamples => Files("odps", "*.odps.yaml");

    /// <summary>
    /// Official examples that the official schema of the version they declare (v3.0.2) rejects, with a
    /// finding each gets: they use what came with v3.1 (the team object, timestamp types, numeric exclusive
    /// bounds) or leave out what v3.0 requires (a library check's rule).
    /// </summary>
    private static readonly Dictionary<string, string> InvalidForTheirVersion = new(StringComparer.Ordinal)
    {
        ["stakeholders_basic-four-dpo.odcs.yaml"] = "team must be a list; found a mapping (ODCS v3.0.2).",
        ["data-types_all-data-types.odcs.yaml"] = "schema[0].properties[1].logicalTypeOptions.exclusiveMinimum must be a boolean (true or false)",
        ["quality_column-completeness.odcs.yaml"] = "schema[0].properties[0].quality[0] is missing the required property 'rule' (required when type is 'library', in ODCS v3.0.2).",
    };

    [CorpusTheory]
    [MemberData(nameof(OdcsExamples))]
    public void Every_official_odcs_example_gets_the_verdict_of_its_declared_version(string file)
    {
        var findings = Validate(Path.Combine("odcs", file), DocumentKind.Contract);

        if (InvalidForTheirVersion.TryGetValue(file, out var expected))
        {
            Assert.Contains(findings, f => f.Message.StartsWith(expected, StringComparison.Ordinal));
        }
        else
        {
            Assert.Empty(findings);
        }
    }

    [CorpusFact]
    public void The_changelog_fixture_breaks_the_odcs_conditional_rules()
    {
        // The fixture's sql quality rules have no query, and its snowflake server lacks the account and
        // schema the official ODCS schema requires of that server type (its if/then rules); it declares
        // v3.0.2, whose team is a list of members, not the v3.1 object it writes.
        var findings = Validate("datacontract-cli-fixtures/changelog_changelog_unit_v1.yaml", DocumentKind.Contract);

        var expected = new[]
        {
            ("MG1106", 32, "schema[0].quality[0] is missing the required property 'query' (required when type is 'sql', in ODCS v3.0.2)."),
            ("MG1106", 50, "schema[0].properties[3].quality[0] is missing the required property 'query' (required when type is 'sql', in ODCS v3.0.2)."),
            ("MG1106", 58, "servers[0] is missing the required property 'account' (required when type is 'snowflake', in ODCS v3.0.2)."),
            ("MG1106", 58, "servers[0] is missing the required property 'schema' (required when type is 'snowflake', in ODCS v3.0.2)."),
            ("MG1103", 90, "team must be a list; found a mapping (ODCS v3.0.2)."),
        };
        Assert.Equal(expected, findings.Select(f => (f.Id, f.Line, f.Message)));
    }

    [CorpusFact]
    public void Unquoted_dates_in_the_official_examples_stay_strings()
    {
        // This example writes dates unquoted; a loader that makes them timestamps fails the schema.
        var findings = Validate("odcs/fundamentals_table-column-description.odcs.yaml", DocumentKind.Contract);

        Assert.Empty(findings);
    }

    private static IReadOnlyList<Diagnostic> Validate(string corpusPath, DocumentKind kind)
    {
        var path = Path.Combine(RepositoryPaths.Corpus, corpusPath);
        var file = new MeshFile(corpusPath.Replace('\\', '/'), path, kind, "corpus", Path.GetFileNameWithoutExtension(path));
        return MeshFileReader.Read(file, YamlLimits.Default).Diagnostics;
    }

    private static TheoryData<string> Files(string folder, string pattern)
    {
        var data = new TheoryData<string>();
        var directory = Path.Combine(RepositoryPaths.Corpus, folder);
        if (!Directory.Exists(directory))
        {
            data.Add("(corpus absent)");
            return data;
        }

        foreach (var file in Directory.GetFiles(directory, pattern).Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            data.Add(file!);
        }

        return data;
    }
}
