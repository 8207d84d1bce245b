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
    public void The_changelog_fixture_breaks_the_odcs_quality_rules_for_sql()
    {
        var findings = Validate("datacontract-cli-fixtures/changelog_changelog_unit_v1.yaml", DocumentKind.Contract);

        Assert.All(findings, f => Assert.Equal("MG1106", f.Id));
        Assert.Equal(new[] { 32, 50 }, findings.Select(f => f.Line));
        Assert.All(findings, f => Assert.Contains("'query'", f.Message));
        Assert.All(findings, f => Assert.Contains("type is 'sql'", f.Message));
        Assert.Contains("schema[0].quality[0]", findings[0].Message);
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
