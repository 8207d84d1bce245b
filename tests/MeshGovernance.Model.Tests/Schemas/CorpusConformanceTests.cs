using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Loading;
using MeshGovernance.Model.Schemas;
using MeshGovernance.Model.Yaml;
using MeshGovernance.Testing;

namespace MeshGovernance.Model.Tests.Schemas;

/// <summary>
/// Our schemas against the standards' own examples in ../shared/corpus: every official example is
/// valid, and a contract that breaks the ODCS if/then rules is caught.
/// </summary>
public class CorpusConformanceTests
{
    public static TheoryData<string> OdcsExamples => Files("odcs", "*.odcs.yaml");

    public static TheoryData<string> OdpsExamples => Files("odps", "*.odps.yaml");

    [CorpusTheory]
    [MemberData(nameof(OdcsExamples))]
    public void Every_official_odcs_example_is_valid(string file) =>
        Assert.Empty(Validate(Path.Combine("odcs", file), DocumentKind.Contract));

    [CorpusTheory]
    [MemberData(nameof(OdpsExamples))]
    public void Every_official_odps_example_is_valid(string file) =>
        Assert.Empty(Validate(Path.Combine("odps", file), DocumentKind.Product));

    [CorpusFact]
    public void The_changelog_fixture_breaks_the_odcs_conditional_rules()
    {
        // The fixture's sql quality rules have no query, and its snowflake server lacks the account and
        // schema the official ODCS schema requires of that server type (its if/then rules).
        var findings = Validate("datacontract-cli-fixtures/changelog_changelog_unit_v1.yaml", DocumentKind.Contract);

        var expected = new[]
        {
            (32, "schema[0].quality[0] is missing the required property 'query' (required when type is 'sql')."),
            (50, "schema[0].properties[3].quality[0] is missing the required property 'query' (required when type is 'sql')."),
            (58, "servers[0] is missing the required property 'account' (required when type is 'snowflake')."),
            (58, "servers[0] is missing the required property 'schema' (required when type is 'snowflake')."),
        };
        Assert.All(findings, f => Assert.Equal("MG1106", f.Id));
        Assert.Equal(expected, findings.Select(f => (f.Line, f.Message)));
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
