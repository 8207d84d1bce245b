using System.Globalization;
using MeshGovernance.Bench;

// meshgen PRODUCTS OUTDIR [SEED]: writes a synthetic mesh repository for benchmarks (see docs/performance.md).
if (args.Length is < 2 or > 3 || !int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out var products) || products < 1)
{
    Console.Error.WriteLine("usage: meshgen PRODUCTS OUTDIR [SEED]   (PRODUCTS ≥ 1; OUTDIR must not exist)");
    return 2;
}

if (Directory.Exists(args[1]) && Directory.EnumerateFileSystemEntries(args[1]).Any())
{
    Console.Error.WriteLine($"error: OUTDIR: '{args[1]}' exists and is not empty.");
    return 2;
}

var seed = args.Length == 3 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 42;
var stats = SyntheticMesh.Write(args[1], products, seed);
Console.WriteLine($"{stats.Files} files, {stats.Bytes / (1024.0 * 1024):0.0} MiB: {stats.Domains} domains, {stats.Products} products, {stats.Contracts} contracts, {stats.Properties} properties, {stats.ConsumerEdges} consumer edges.");
return 0;
