using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Schemas;

namespace MeshGovernance.Model.Loading;

/// <summary>
/// Walks a mesh repository's known folders (<c>mesh.yaml</c>, <c>teams/</c>, <c>domains/</c>, <c>governance/</c>), classifies every
/// file, and reports anything it cannot place. It never follows a symbolic link out of the repository,
/// and never follows a link to a directory (which could loop).
/// </summary>
public sealed class RepositoryScanner
{
    private static readonly string[] IgnoredNames = [".gitkeep", ".keep", ".DS_Store"];
    private readonly string _root;
    private readonly List<MeshFile> _files = [];
    private readonly List<PolicyScriptFile> _policyScripts = [];
    private readonly List<Diagnostic> _diagnostics = [];

    private RepositoryScanner(string root) => _root = root;

    public static RepositoryLayout Scan(string repositoryRoot)
    {
        var scanner = new RepositoryScanner(RealPaths.Resolve(repositoryRoot) ?? Path.GetFullPath(repositoryRoot));
        scanner.ScanRoot();
        return new RepositoryLayout(scanner._root, scanner._files, scanner._policyScripts, scanner._diagnostics);
    }

    private void ScanRoot()
    {
        var manifests = Entries(_root)
            .Where(e => MeshLayout.IsManifest(e.Name))
            .OrderBy(e => e.Name == MeshLayout.Manifest ? 0 : 1)
            .ToList();
        if (manifests.Count == 0)
        {
            _diagnostics.Add(DiagnosticCatalog.MeshManifestMissing.Create(
                SourceSpan.StartOf(MeshLayout.Manifest),
                "There is no mesh.yaml at the repository root. Point --repo at the root of a mesh repository, or create one with 'meshgov init'."));
        }
        else if (Admit(manifests[0]) is { } path)
        {
            _files.Add(new MeshFile(Relative(path), path, DocumentKind.Mesh, null, "mesh"));
        }

        foreach (var second in manifests.Skip(1))
        {
            ReportUnknown(second.FullName, $"the repository's manifest is {manifests[0].Name}, and only one is read");
        }

        foreach (var folder in Entries(_root).Where(e => MeshLayout.All.Contains(e.Name + "/", StringComparer.Ordinal)))
        {
            // The top-level folders pass the same link checks as everything below them.
            if (Admit(folder) is not { } path)
            {
                continue;
            }

            switch (folder.Name)
            {
                case "teams":
                    ScanTeams(path);
                    break;
                case "domains":
                    ScanDomains(path);
                    break;
                default:
                    ScanGovernance(path);
                    break;
            }
        }
    }

    private void ScanTeams(string folder)
    {
        foreach (var entry in Entries(folder))
        {
            if (Admit(entry) is not { } path)
            {
                continue;
            }

            if (entry is DirectoryInfo)
            {
                ReportUnknownTree(path, "teams/ holds one <team>.yaml file per team and no folders");
            }
            else if (YamlStem(entry.Name, string.Empty) is { } stem)
            {
                _files.Add(new MeshFile(Relative(path), path, DocumentKind.Team, null, stem));
            }
            else if (!IsDocumentation(entry.Name))
            {
                ReportUnknown(path, "teams/ holds one <team>.yaml file per team");
            }
        }
    }

    /// <summary>
    /// governance/ belongs to the governance group and may hold anything (docs, policy test fixtures);
    /// only waivers.yaml, baseline.yaml and the policy scripts directly under policies/ are mesh files.
    /// </summary>
    private void ScanGovernance(string folder)
    {
        foreach (var entry in Entries(folder))
        {
            if (entry is FileInfo && entry.Name is "waivers.yaml" or "waivers.yml" && Admit(entry) is { } waivers)
            {
                _files.Add(new MeshFile(Relative(waivers), waivers, DocumentKind.Waivers, null, "waivers"));
            }
            else if (entry is FileInfo && entry.Name is "baseline.yaml" or "baseline.yml" && Admit(entry) is { } baseline)
            {
                _files.Add(new MeshFile(Relative(baseline), baseline, DocumentKind.Baseline, null, "baseline"));
            }
            else if (entry is DirectoryInfo && entry.Name == "policies" && Admit(entry) is { } policies)
            {
                foreach (var script in Entries(policies).Where(e => e is FileInfo && e.Name.EndsWith(".csx", StringComparison.Ordinal)))
                {
                    if (Admit(script) is { } path)
                    {
                        _policyScripts.Add(new PolicyScriptFile(Relative(path), path, policies));
                    }
                }
            }
        }
    }

    private void ScanDomains(string folder)
    {
        foreach (var entry in Entries(folder))
        {
            if (Admit(entry) is not { } path)
            {
                continue;
            }

            if (entry is DirectoryInfo)
            {
                ScanDomain(path, entry.Name);
            }
            else if (!IsDocumentation(entry.Name))
            {
                ReportUnknown(path, "domains/ holds one folder per domain (domains/<domain>/domain.yaml)");
            }
        }
    }

    private void ScanDomain(string folder, string domain)
    {
        foreach (var entry in Entries(folder))
        {
            if (Admit(entry) is not { } path)
            {
                continue;
            }

            switch (entry)
            {
                case DirectoryInfo when entry.Name == "products":
                    ScanDocuments(path, domain, ".odps", DocumentKind.Product, $"domains/{domain}/products/ holds data products named <name>.odps.yaml");
                    break;
                case DirectoryInfo when entry.Name == "contracts":
                    ScanDocuments(path, domain, ".odcs", DocumentKind.Contract, $"domains/{domain}/contracts/ holds data contracts named <name>.odcs.yaml");
                    break;
                case DirectoryInfo:
                    ReportUnknownTree(path, $"a domain folder holds domain.yaml, products/ and contracts/");
                    break;
                case FileInfo when entry.Name is "domain.yaml" or "domain.yml":
                    _files.Add(new MeshFile(Relative(path), path, DocumentKind.Domain, domain, domain));
                    break;
                case FileInfo when IsDocumentation(entry.Name):
                    break;
                default:
                    ReportUnknown(path, $"a domain folder holds domain.yaml, products/<name>.odps.yaml and contracts/<name>.odcs.yaml");
                    break;
            }
        }
    }

    private void ScanDocuments(string folder, string domain, string marker, DocumentKind kind, string expectation)
    {
        foreach (var entry in Entries(folder))
        {
            if (Admit(entry) is not { } path)
            {
                continue;
            }

            if (entry is DirectoryInfo)
            {
                ReportUnknownTree(path, expectation + ", without sub-folders");
            }
            else if (YamlStem(entry.Name, marker) is { } stem)
            {
                _files.Add(new MeshFile(Relative(path), path, kind, domain, stem));
            }
            else if (!IsDocumentation(entry.Name))
            {
                ReportUnknown(path, expectation);
            }
        }
    }

    /// <summary>Reports every file under a folder the layout has no place for, so none is skipped unseen.</summary>
    private void ReportUnknownTree(string folder, string expectation)
    {
        foreach (var entry in Entries(folder))
        {
            if (Admit(entry) is not { } path)
            {
                continue;
            }

            if (entry is DirectoryInfo)
            {
                ReportUnknownTree(path, expectation);
            }
            else if (!IsDocumentation(entry.Name))
            {
                ReportUnknown(path, expectation);
            }
        }
    }

    private void ReportUnknown(string path, string expectation) =>
        _diagnostics.Add(DiagnosticCatalog.UnknownFile.Create(
            SourceSpan.StartOf(Relative(path)),
            $"The loader does not know what '{Relative(path)}' is: {expectation}. Rename or move it (Markdown files are allowed)."));

    /// <summary>
    /// The real path to read an entry through, or null when it must not be read: a link that leaves the
    /// repository, a link to a directory, or a broken or looping link (each reported).
    /// </summary>
    private string? Admit(FileSystemInfo entry)
    {
        if (entry.LinkTarget is null)
        {
            return entry.FullName;
        }

        var relative = Relative(entry.FullName);
        string? real;
        try
        {
            real = RealPaths.Resolve(entry.FullName);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _diagnostics.Add(DiagnosticCatalog.FileUnreadable.Create(SourceSpan.StartOf(relative), $"The symbolic link '{relative}' cannot be resolved: {ex.Message}"));
            return null;
        }

        if (real is null)
        {
            _diagnostics.Add(DiagnosticCatalog.FileUnreadable.Create(SourceSpan.StartOf(relative), $"The symbolic link '{relative}' loops, or goes through too many links, to be resolved."));
            return null;
        }

        if (!IsInside(real))
        {
            _diagnostics.Add(DiagnosticCatalog.PathOutsideRepository.Create(SourceSpan.StartOf(relative), $"The symbolic link '{relative}' points outside the repository ('{entry.LinkTarget}'); it is not followed. Replace it with the file itself."));
            return null;
        }

        if (Directory.Exists(real))
        {
            _diagnostics.Add(DiagnosticCatalog.PathOutsideRepository.Create(SourceSpan.StartOf(relative), $"'{relative}' is a symbolic link to a directory; the loader does not follow directory links. Replace it with a real folder."));
            return null;
        }

        if (!File.Exists(real))
        {
            _diagnostics.Add(DiagnosticCatalog.FileUnreadable.Create(SourceSpan.StartOf(relative), $"The symbolic link '{relative}' points to '{entry.LinkTarget}', which does not exist."));
            return null;
        }

        // Read through the resolved path, so nothing is re-resolved differently between check and read.
        return real;
    }

    private bool IsInside(string fullPath) =>
        fullPath.StartsWith(_root.EndsWith(Path.DirectorySeparatorChar) ? _root : _root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private IEnumerable<FileSystemInfo> Entries(string folder)
    {
        var directory = new DirectoryInfo(folder);
        if (!directory.Exists)
        {
            return [];
        }

        try
        {
            return directory.EnumerateFileSystemInfos()
                .Where(e => !IgnoredNames.Contains(e.Name))
                .OrderBy(e => e.Name, StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _diagnostics.Add(DiagnosticCatalog.FileUnreadable.Create(SourceSpan.StartOf(Relative(folder)), $"The folder '{Relative(folder)}' cannot be listed: {ex.Message}"));
            return [];
        }
    }

    private string Relative(string fullPath) => Path.GetRelativePath(_root, fullPath).Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>The stem of <c>name&lt;marker&gt;.yaml</c> or <c>.yml</c>, or null when the name does not fit.</summary>
    private static string? YamlStem(string fileName, string marker)
    {
        foreach (var extension in new[] { ".yaml", ".yml" })
        {
            var suffix = marker + extension;
            if (fileName.EndsWith(suffix, StringComparison.Ordinal) && fileName.Length > suffix.Length)
            {
                var stem = fileName[..^suffix.Length];
                return marker.Length == 0 && (stem.EndsWith(".odps", StringComparison.Ordinal) || stem.EndsWith(".odcs", StringComparison.Ordinal)) ? null : stem;
            }
        }

        return null;
    }

    private static bool IsDocumentation(string fileName) => fileName.EndsWith(".md", StringComparison.OrdinalIgnoreCase);
}
