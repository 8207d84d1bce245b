using System.Text.Json;
using MeshGovernance.Model.Schemas;
using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Model.Tests.Schemas;

/// <summary>
/// Replays the documents of tools/schema-differential (mutated corpus documents with the official
/// draft 2019-09 verdict) through our whole pipeline: YAML reader, then the validator compiled from our
/// schemas walking the node tree. A contract is judged, as in meshgov, by the schema of the ODCS version its
/// apiVersion declares (v3.0.0, v3.0.1, v3.0.2, else v3.1), which is how the tool picks the official
/// verdict too. Opt-in, because the dump is generated with Node: see that folder's README.
/// </summary>
public class DifferentialReplayTests
{
    private const string Variable = "MESHGOV_DIFFERENTIAL_FILE";

    [DifferentialFact]
    public void Our_validator_accepts_and_rejects_exactly_what_the_official_schemas_do()
    {
        var limits = new YamlLimits { MaxFileBytes = long.MaxValue };
        var disagreements = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var total = 0;
        Parallel.ForEach(File.ReadLines(Environment.GetEnvironmentVariable(Variable)!), line =>
        {
            using var entry = JsonDocument.Parse(line);
            var kind = entry.RootElement.GetProperty("kind").GetString() == "odcs" ? DocumentKind.Contract : DocumentKind.Product;
            var official = entry.RootElement.GetProperty("official").GetBoolean();
            var read = YamlDocumentReader.Read(entry.RootElement.GetProperty("doc").GetRawText(), "doc.yaml", limits);
            var ours = read.Root is not null && read.Diagnostics.Count == 0 && SchemaValidator.Validate(read.Root, kind).Count == 0;
            Interlocked.Increment(ref total);
            if (ours != official)
            {
                disagreements.Enqueue($"official {(official ? "accepts" : "rejects")}, we {(ours ? "accept" : "reject")}: {entry.RootElement.GetProperty("label").GetString()}");
            }
        });

        Assert.True(total > 0, "the differential file holds no documents");
        Assert.True(disagreements.IsEmpty, $"{disagreements.Count} disagreements:{Environment.NewLine}{string.Join(Environment.NewLine, disagreements.Take(20))}");
    }

    private sealed class DifferentialFactAttribute : FactAttribute
    {
        public DifferentialFactAttribute()
        {
            if (Environment.GetEnvironmentVariable(Variable) is not { } path || !File.Exists(path))
            {
                Skip = $"Set {Variable} to a dump of tools/schema-differential (node check.js --dump FILE) to replay it.";
            }
        }
    }
}
