using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Graph;
using MeshGovernance.Model.Schemas;
using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Model.Loading;

/// <summary>
/// Loads a mesh repository: scans the layout, reads and validates every file (in parallel), builds the
/// mesh graph and checks its references. One bad file never stops the others from being validated.
/// </summary>
public static class MeshLoader
{
    /// <param name="withBlobIds">Also give each file read its git blob id (<see cref="LoadedFile.GitBlobId"/>), for matching it with a git revision.</param>
    /// <param name="scanned">Called with the layout once it is scanned, before any file is read (the check hands the policy worker its scripts).</param>
    public static MeshLoadResult Load(string repositoryRoot, YamlLimits? limits = null, FileCache? cache = null, bool withBlobIds = false, Action<RepositoryLayout>? scanned = null)
    {
        var layout = RepositoryScanner.Scan(repositoryRoot);
        scanned?.Invoke(layout);
        var effectiveLimits = limits ?? YamlLimits.Default;
        return Load(layout, file => MeshFileReader.Read(file, effectiveLimits, cache, withBlobIds), cache);
    }

    /// <summary>Loads the files of a layout scanned elsewhere (a git revision), each read by <paramref name="read"/>, in parallel.</summary>
    public static MeshLoadResult Load(RepositoryLayout layout, Func<MeshFile, LoadedFile> read, FileCache? cache = null)
    {
        var loaded = layout.Files
            .AsParallel()
            .AsOrdered()
            .Select(file => ReadIsolated(file, read))
            .ToList();
        cache?.Save();
        return Build(loaded, layout.Diagnostics) with { Layout = layout };
    }

    /// <summary>
    /// Reads one file; a defect met on it (an exception from a library) becomes a finding on that file,
    /// so the other files are still validated and reported.
    /// </summary>
    private static LoadedFile ReadIsolated(MeshFile file, Func<MeshFile, LoadedFile> read)
    {
        try
        {
            return read(file);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new LoadedFile(file, null, [DiagnosticCatalog.FileUnreadable.Create(
                SourceSpan.StartOf(file.RelativePath),
                $"meshgov failed on this file ({ex.GetType().Name}: {ex.Message}). This is a defect in meshgov; please report it with the file.")]);
        }
    }

    /// <summary>Only the linked graph of files already read, without checking references (the policy worker's view).</summary>
    public static Mesh BuildGraph(IReadOnlyList<LoadedFile> loaded) => MeshGraphBuilder.Build(loaded);

    /// <summary>Builds the graph from the files read, and checks its references.</summary>
    private static MeshLoadResult Build(IReadOnlyList<LoadedFile> loaded, IReadOnlyList<Diagnostic> scanDiagnostics)
    {
        var mesh = MeshGraphBuilder.Build(loaded);
        var diagnostics = new List<Diagnostic>(scanDiagnostics);
        diagnostics.AddRange(loaded.SelectMany(f => f.Diagnostics));
        diagnostics.AddRange(ReferenceValidator.Validate(mesh, loaded));

        var manifest = loaded.FirstOrDefault(f => f.File.Kind == DocumentKind.Mesh);
        var configurationError = manifest is null || manifest.Root is null;
        var ordered = diagnostics.Distinct().InReportOrder();
        return new MeshLoadResult(mesh, ordered, loaded, configurationError);
    }
}
