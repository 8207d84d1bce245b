using MeshGovernance.Model.Diagnostics;

namespace MeshGovernance.Model.Loading;

/// <summary>
/// A repository on disk. It never follows a symbolic link out of the repository, and never follows a link to a
/// directory (which could loop); a link inside the repository is read through its resolved path, so nothing is
/// re-resolved differently between the check and the read.
/// </summary>
public sealed class DiskRepositorySource : RepositorySource
{
    private readonly string _root;

    public DiskRepositorySource(string repositoryRoot) =>
        _root = RealPaths.Resolve(repositoryRoot) ?? Path.GetFullPath(repositoryRoot);

    public override string Root => _root;

    public override IReadOnlyList<SourceEntry> List(string relativeFolder, ICollection<Diagnostic> diagnostics)
    {
        var directory = new DirectoryInfo(FullPath(relativeFolder));
        if (!directory.Exists)
        {
            return [];
        }

        try
        {
            return directory.EnumerateFileSystemInfos()
                .OrderBy(e => e.Name, StringComparer.Ordinal)
                .Select(e => new SourceEntry(e.Name, Join(relativeFolder, e.Name), e is DirectoryInfo, e.LinkTarget is not null))
                .ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var shown = relativeFolder.Length == 0 ? "." : relativeFolder;
            diagnostics.Add(DiagnosticCatalog.FileUnreadable.Create(SourceSpan.StartOf(shown), $"The folder '{shown}' cannot be listed: {ex.Message}"));
            return [];
        }
    }

    public override AdmittedEntry? Admit(SourceEntry entry, ICollection<Diagnostic> diagnostics)
    {
        var fullPath = FullPath(entry.RelativePath);
        if (!entry.IsLink)
        {
            return new AdmittedEntry(entry.RelativePath, fullPath);
        }

        var relative = entry.RelativePath;
        var linkTarget = new FileInfo(fullPath).LinkTarget;
        string? real;
        try
        {
            real = RealPaths.Resolve(fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(DiagnosticCatalog.FileUnreadable.Create(SourceSpan.StartOf(relative), $"The symbolic link '{relative}' cannot be resolved: {ex.Message}"));
            return null;
        }

        if (real is null)
        {
            diagnostics.Add(DiagnosticCatalog.FileUnreadable.Create(SourceSpan.StartOf(relative), $"The symbolic link '{relative}' loops, or goes through too many links, to be resolved."));
            return null;
        }

        if (!IsInside(real))
        {
            diagnostics.Add(DiagnosticCatalog.PathOutsideRepository.Create(SourceSpan.StartOf(relative), $"The symbolic link '{relative}' points outside the repository ('{linkTarget}'); it is not followed. Replace it with the file itself."));
            return null;
        }

        if (Directory.Exists(real))
        {
            diagnostics.Add(DiagnosticCatalog.PathOutsideRepository.Create(SourceSpan.StartOf(relative), $"'{relative}' is a symbolic link to a directory; the loader does not follow directory links. Replace it with a real folder."));
            return null;
        }

        if (!File.Exists(real))
        {
            diagnostics.Add(DiagnosticCatalog.FileUnreadable.Create(SourceSpan.StartOf(relative), $"The symbolic link '{relative}' points to '{linkTarget}', which does not exist."));
            return null;
        }

        return new AdmittedEntry(Path.GetRelativePath(_root, real).Replace(Path.DirectorySeparatorChar, '/'), real);
    }

    private string FullPath(string relative) =>
        relative.Length == 0 ? _root : Path.Combine(_root, relative.Replace('/', Path.DirectorySeparatorChar));

    private bool IsInside(string fullPath) =>
        fullPath.StartsWith(_root.EndsWith(Path.DirectorySeparatorChar) ? _root : _root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static string Join(string folder, string name) => folder.Length == 0 ? name : folder + "/" + name;
}
