using MeshGovernance.Model.Schemas;
using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Bench.SchemaValidation;

/// <summary>
/// The inputs, parsed once: synthetic contracts and products of bench/MeshGenerator (all valid), and the
/// contracts and products of the shared corpus (official examples and real-world files, some invalid).
/// </summary>
internal static class BenchDocuments
{
    public const string SyntheticContracts = "synthetic-contracts";
    public const string SyntheticProducts = "synthetic-products";
    public const string Corpus = "corpus";

    private const int SyntheticProductCount = 100;

    public static IReadOnlyList<BenchDocument> Load(string set) => set switch
    {
        SyntheticContracts => Synthetic("*.odcs.yaml", DocumentKind.Contract),
        SyntheticProducts => Synthetic("*.odps.yaml", DocumentKind.Product),
        Corpus => FromCorpus(),
        _ => throw new ArgumentOutOfRangeException(nameof(set), set, null),
    };

    private static List<BenchDocument> Synthetic(string pattern, DocumentKind kind)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"meshgov-schema-bench-{Guid.NewGuid():N}");
        SyntheticMesh.Write(folder, SyntheticProductCount, seed: 42);
        try
        {
            return [.. Directory.EnumerateFiles(folder, pattern, SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(f => Read(f, kind)).OfType<BenchDocument>()];
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static List<BenchDocument> FromCorpus()
    {
        var corpus = Environment.GetEnvironmentVariable("MESHGOV_CORPUS") ?? "/work/shared/corpus";
        var documents = new List<BenchDocument>();
        foreach (var folder in new[] { "odcs", "odps", "realworld" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(corpus, folder), "*.y*ml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var read = YamlDocumentReader.Read(File.ReadAllText(file), file);
                var kind = read.Root?.GetString("kind") switch
                {
                    "DataContract" => DocumentKind.Contract,
                    "DataProduct" => DocumentKind.Product,
                    _ => (DocumentKind?)null,
                };
                if (read.Root is not null && kind is { } known)
                {
                    documents.Add(new BenchDocument(file, read.Root, known));
                }
            }
        }

        return documents;
    }

    private static BenchDocument? Read(string file, DocumentKind kind) =>
        YamlDocumentReader.Read(File.ReadAllText(file), file).Root is { } root ? new BenchDocument(file, root, kind) : null;
}
