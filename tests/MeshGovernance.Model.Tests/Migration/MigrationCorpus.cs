using System.Text.Json;
using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Schemas;
using MeshGovernance.Model.Yaml;
using MeshGovernance.Testing;

namespace MeshGovernance.Model.Tests.Migration;

/// <summary>
/// The real contracts of ../shared/corpus the migration is tested on, read from there (never copied into
/// the project): every ODCS v3.0.x file and every Data Contract Specification file of realworld/ (with its
/// official verdict), and the Data Contract Specification's own examples.
/// </summary>
internal static class MigrationCorpus
{
    public static string RealWorld => Path.Combine(RepositoryPaths.Corpus, "realworld");

    public static string DcsExamples => Path.Combine(RepositoryPaths.Corpus, "datacontract-specification");

    /// <summary>realworld files of group odcs-v3 declaring v3.0.0, v3.0.1 or v3.0.2: file, version, official verdict, and whether it is well-formed YAML 1.2.</summary>
    public static TheoryData<string, string, bool, bool> OdcsV30()
    {
        var data = new TheoryData<string, string, bool, bool>();
        foreach (var (file, version, group, verdict) in Entries())
        {
            if (group == "odcs-v3" && version is "v3.0.0" or "v3.0.1" or "v3.0.2")
            {
                data.Add(file, version, verdict.GetProperty("valid").GetBoolean(), !verdict.TryGetProperty("yamlStrictError", out _));
            }
        }

        if (data.Count == 0)
        {
            data.Add("(corpus absent)", "", true, true);
        }

        return data;
    }

    /// <summary>Every Data Contract Specification file: realworld's (group unsupported, format dcs) and the specification's examples.</summary>
    public static TheoryData<string> Dcs()
    {
        var data = new TheoryData<string>();
        foreach (var (file, _, group, verdict) in Entries())
        {
            if (group == "unsupported" && verdict.TryGetProperty("schema", out var schema) && schema.GetString()!.StartsWith("dcs-", StringComparison.Ordinal))
            {
                data.Add(Path.Combine("realworld", file));
            }
        }

        if (Directory.Exists(DcsExamples))
        {
            foreach (var file in Directory.GetFiles(DcsExamples, "*.yaml").Order(StringComparer.Ordinal))
            {
                data.Add(Path.Combine("datacontract-specification", Path.GetFileName(file)));
            }
        }

        if (data.Count == 0)
        {
            data.Add("(corpus absent)");
        }

        return data;
    }

    private static IEnumerable<(string File, string? Version, string Group, JsonElement Verdict)> Entries()
    {
        var manifestPath = Path.Combine(RealWorld, "manifest.json");
        if (!File.Exists(manifestPath))
        {
            yield break;
        }

        using var manifest = JsonDocument.Parse(File.ReadAllText(manifestPath));
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(RealWorld, "expected-official.json")));
        foreach (var entry in manifest.RootElement.EnumerateArray())
        {
            var version = entry.GetProperty("declaredVersion").ValueKind == JsonValueKind.String ? entry.GetProperty("declaredVersion").GetString() : null;
            var file = entry.GetProperty("file").GetString()!;
            yield return (file, version, entry.GetProperty("group").GetString()!, expected.RootElement.GetProperty(Path.GetFileNameWithoutExtension(file)).Clone());
        }
    }

    /// <summary>The schema errors of a text, by the schema of the version it declares.</summary>
    public static IReadOnlyList<Diagnostic> SchemaErrors(string text, string file = "c.odcs.yaml")
    {
        var read = YamlDocumentReader.Read(text, file);
        Assert.True(read.Root is not null && read.Diagnostics.Count == 0, $"{file} does not read as YAML: {(read.Diagnostics.Count > 0 ? read.Diagnostics[0].Message : null)}");
        return [.. SchemaValidator.Validate(read.Root!, DocumentKind.Contract).Where(d => d.Level == DiagnosticLevel.Error)];
    }
}
