using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Schemas;

namespace MeshGovernance.Model.Loading;

/// <summary>
/// Walks a mesh repository's known folders (<c>mesh.yaml</c>, <c>teams/</c>, <c>domains/</c>, <c>governance/</c>), classifies every
/// file, and reports anything it cannot place. Where the folders come from (the disk, or a git revision) is its
/// <see cref="RepositorySource"/>'s business, and so is refusing links that leave the repository.
/// </summary>
public sealed class RepositoryScanner
{
    private static readonly string[] IgnoredNames = [".gitkeep", ".keep", ".DS_Store"];
    private readonly RepositorySource _source;
    private readonly List<MeshFile> _files = [];
    private readonly List<PolicyScriptFile> _policyScripts = [];
    private readonly List<Diagnostic> _diagnostics = [];

    private RepositoryScanner(RepositorySource source) => _source = source;

    public static RepositoryLayout Scan(string repositoryRoot) => Scan(new DiskRepositorySource(repositoryRoot));

    public static RepositoryLayout Scan(RepositorySource source)
    {
        var scanner = new RepositoryScanner(source);
        scanner.ScanRoot();
        return new RepositoryLayout(source.Root, scanner._files, scanner._policyScripts, scanner._diagnostics);
    }

    private void ScanRoot()
    {
        var manifests = Entries(string.Empty)
            .Where(e => MeshLayout.IsManifest(e.Name))
            .OrderBy(e => e.Name == MeshLayout.Manifest ? 0 : 1)
            .ToList();
        if (manifests.Count == 0)
        {
            _diagnostics.Add(DiagnosticCatalog.MeshManifestMissing.Create(
                SourceSpan.StartOf(MeshLayout.Manifest),
                "There is no mesh.yaml at the repository root. Point --repo at the root of a mesh repository, or create one with 'meshgov init'."));
        }
        else if (Admit(manifests[0]) is { } manifest)
        {
            _files.Add(new MeshFile(manifest.RelativePath, manifest.FullPath, DocumentKind.Mesh, null, "mesh"));
        }

        foreach (var second in manifests.Skip(1))
        {
            ReportUnknown(second.RelativePath, $"the repository's manifest is {manifests[0].Name}, and only one is read");
        }

        foreach (var folder in Entries(string.Empty).Where(e => MeshLayout.All.Contains(e.Name + "/", StringComparer.Ordinal)))
        {
            // The top-level folders pass the same link checks as everything below them.
            if (Admit(folder) is not { } admitted)
            {
                continue;
            }

            switch (folder.Name)
            {
                case "teams":
                    ScanTeams(admitted.RelativePath);
                    break;
                case "domains":
                    ScanDomains(admitted.RelativePath);
                    break;
                default:
                    ScanGovernance(admitted.RelativePath);
                    break;
            }
        }
    }

    private void ScanTeams(string folder)
    {
        foreach (var entry in Entries(folder))
        {
            if (Admit(entry) is not { } admitted)
            {
                continue;
            }

            if (entry.IsDirectory)
            {
                ReportUnknownTree(admitted.RelativePath, "teams/ holds one <team>.yaml file per team and no folders");
            }
            else if (YamlStem(entry.Name, string.Empty) is { } stem)
            {
                _files.Add(new MeshFile(admitted.RelativePath, admitted.FullPath, DocumentKind.Team, null, stem));
            }
            else if (!IsDocumentation(entry.Name))
            {
                ReportUnknown(admitted.RelativePath, "teams/ holds one <team>.yaml file per team");
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
            if (!entry.IsDirectory && entry.Name is "waivers.yaml" or "waivers.yml" && Admit(entry) is { } waivers)
            {
                _files.Add(new MeshFile(waivers.RelativePath, waivers.FullPath, DocumentKind.Waivers, null, "waivers"));
            }
            else if (!entry.IsDirectory && entry.Name is "baseline.yaml" or "baseline.yml" && Admit(entry) is { } baseline)
            {
                _files.Add(new MeshFile(baseline.RelativePath, baseline.FullPath, DocumentKind.Baseline, null, "baseline"));
            }
            else if (entry.IsDirectory && entry.Name == "policies" && Admit(entry) is { } policies)
            {
                foreach (var script in Entries(policies.RelativePath).Where(e => !e.IsDirectory && e.Name.EndsWith(".csx", StringComparison.Ordinal)))
                {
                    if (Admit(script) is { } admitted)
                    {
                        _policyScripts.Add(new PolicyScriptFile(admitted.RelativePath, admitted.FullPath, policies.FullPath));
                    }
                }
            }
        }
    }

    private void ScanDomains(string folder)
    {
        foreach (var entry in Entries(folder))
        {
            if (Admit(entry) is not { } admitted)
            {
                continue;
            }

            if (entry.IsDirectory)
            {
                ScanDomain(admitted.RelativePath, entry.Name);
            }
            else if (!IsDocumentation(entry.Name))
            {
                ReportUnknown(admitted.RelativePath, "domains/ holds one folder per domain (domains/<domain>/domain.yaml)");
            }
        }
    }

    private void ScanDomain(string folder, string domain)
    {
        foreach (var entry in Entries(folder))
        {
            if (Admit(entry) is not { } admitted)
            {
                continue;
            }

            var path = admitted.RelativePath;
            if (entry.IsDirectory)
            {
                switch (entry.Name)
                {
                    case "products":
                        ScanDocuments(path, domain, ".odps", DocumentKind.Product, $"domains/{domain}/products/ holds data products named <name>.odps.yaml");
                        break;
                    case "contracts":
                        ScanDocuments(path, domain, ".odcs", DocumentKind.Contract, $"domains/{domain}/contracts/ holds data contracts named <name>.odcs.yaml");
                        break;
                    default:
                        ReportUnknownTree(path, $"a domain folder holds domain.yaml, products/ and contracts/");
                        break;
                }
            }
            else if (entry.Name is "domain.yaml" or "domain.yml")
            {
                _files.Add(new MeshFile(path, admitted.FullPath, DocumentKind.Domain, domain, domain));
            }
            else if (!IsDocumentation(entry.Name))
            {
                ReportUnknown(path, $"a domain folder holds domain.yaml, products/<name>.odps.yaml and contracts/<name>.odcs.yaml");
            }
        }
    }

    private void ScanDocuments(string folder, string domain, string marker, DocumentKind kind, string expectation)
    {
        foreach (var entry in Entries(folder))
        {
            if (Admit(entry) is not { } admitted)
            {
                continue;
            }

            if (entry.IsDirectory)
            {
                ReportUnknownTree(admitted.RelativePath, expectation + ", without sub-folders");
            }
            else if (YamlStem(entry.Name, marker) is { } stem)
            {
                _files.Add(new MeshFile(admitted.RelativePath, admitted.FullPath, kind, domain, stem));
            }
            else if (!IsDocumentation(entry.Name))
            {
                ReportUnknown(admitted.RelativePath, expectation);
            }
        }
    }

    /// <summary>Reports every file under a folder the layout has no place for, so none is skipped unseen.</summary>
    private void ReportUnknownTree(string folder, string expectation)
    {
        foreach (var entry in Entries(folder))
        {
            if (Admit(entry) is not { } admitted)
            {
                continue;
            }

            if (entry.IsDirectory)
            {
                ReportUnknownTree(admitted.RelativePath, expectation);
            }
            else if (!IsDocumentation(entry.Name))
            {
                ReportUnknown(admitted.RelativePath, expectation);
            }
        }
    }

    private void ReportUnknown(string relativePath, string expectation) =>
        _diagnostics.Add(DiagnosticCatalog.UnknownFile.Create(
            SourceSpan.StartOf(relativePath),
            $"The loader does not know what '{relativePath}' is: {expectation}. Rename or move it (Markdown files are allowed)."));

    private AdmittedEntry? Admit(SourceEntry entry) => _source.Admit(entry, _diagnostics);

    private IEnumerable<SourceEntry> Entries(string folder) =>
        _source.List(folder, _diagnostics).Where(e => !IgnoredNames.Contains(e.Name));

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
