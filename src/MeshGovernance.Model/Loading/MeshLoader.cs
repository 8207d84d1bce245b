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
    /// <param name="linkOnDemand">
    /// Whether, for the layout scanned, the caller may have the mesh linked elsewhere (the policy worker,
    /// <see cref="MeshLoadResult.DiagnosticsWith"/>): then the graph is built only when asked for, and unchanged files'
    /// trees stay in the file cache until used.
    /// </param>
    /// <param name="fileRead">Called with each file and its place in <see cref="MeshLoadResult.Files"/> as soon as it is read, on the thread that read it (the check streams the files to the policy worker).</param>
    public static MeshLoadResult Load(string repositoryRoot, YamlLimits? limits = null, FileCache? cache = null, bool withBlobIds = false, Action<RepositoryLayout>? scanned = null, Predicate<RepositoryLayout>? linkOnDemand = null, Action<int, LoadedFile>? fileRead = null)
    {
        var layout = RepositoryScanner.Scan(repositoryRoot);
        scanned?.Invoke(layout);
        var effectiveLimits = limits ?? YamlLimits.Default;
        var later = linkOnDemand?.Invoke(layout) ?? false;
        return Load(layout, file => MeshFileReader.Read(file, effectiveLimits, cache, withBlobIds, deferTree: later), cache, later, fileRead);
    }

    /// <summary>Loads the files of a layout scanned elsewhere (a git revision), each read by <paramref name="read"/>, in parallel.</summary>
    /// <param name="linkOnDemand">Build the graph when it is first asked for (<see cref="MeshLoadResult.Linked"/>), not now.</param>
    /// <param name="fileRead">Called with each file and its index as soon as it is read, on the thread that read it.</param>
    public static MeshLoadResult Load(RepositoryLayout layout, Func<MeshFile, LoadedFile> read, FileCache? cache = null, bool linkOnDemand = false, Action<int, LoadedFile>? fileRead = null)
    {
        var loaded = layout.Files
            .AsParallel()
            .AsOrdered()
            .Select((file, index) =>
            {
                var one = ReadIsolated(file, read);
                fileRead?.Invoke(index, one);
                return one;
            })
            .ToList();
        cache?.Save();
        var manifest = loaded.FirstOrDefault(f => f.File.Kind == DocumentKind.Mesh);
        var result = new MeshLoadResult(loaded, [.. layout.Diagnostics, .. loaded.SelectMany(f => f.Diagnostics)], configurationError: manifest is null || !manifest.HasTree)
        {
            Layout = layout,
        };
        if (!linkOnDemand)
        {
            _ = result.Mesh;
        }

        return result;
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

    /// <summary>The linked graph of files already read and the findings of its reference checks (the policy worker linking for the check).</summary>
    public static (Mesh Mesh, IReadOnlyList<Diagnostic> ReferenceFindings) Link(IReadOnlyList<LoadedFile> loaded)
    {
        var mesh = MeshGraphBuilder.Build(loaded);
        return (mesh, [.. ReferenceValidator.Validate(mesh, loaded)]);
    }
}
