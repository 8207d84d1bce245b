using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Loading;
using MeshGovernance.Model.Schemas;

namespace MeshGovernance.Model.Migration;

/// <summary>A file <c>meshgov migrate</c> may rewrite: its repo-relative path and the real path to read and write.</summary>
public sealed record MigrationCandidate(string RelativePath, string FullPath);

/// <summary>
/// The contracts of a mesh repository that migrate considers when given no paths: every file the repository
/// scanner classifies as a contract (<c>domains/&lt;domain&gt;/contracts/&lt;name&gt;.odcs.yaml</c>), and the YAML files
/// in a contracts folder it cannot place (a Data Contract Specification <c>orders.datacontract.yaml</c>, say).
/// The scanner never follows a link out of the repository, so neither does this.
/// </summary>
public static class MigrationCandidates
{
    public static IReadOnlyList<MigrationCandidate> InRepository(RepositoryLayout layout)
    {
        var candidates = layout.Files
            .Where(f => f.Kind == DocumentKind.Contract)
            .Select(f => new MigrationCandidate(f.RelativePath, f.FullPath))
            .ToList();

        // Files the layout has no place for, in a contracts folder: maybe another format of contract.
        foreach (var unknown in layout.Diagnostics.Where(d => d.Id == DiagnosticCatalog.UnknownFile.Id))
        {
            var parts = unknown.File.Split('/');
            if (parts.Length == 4 && parts[0] == "domains" && parts[2] == "contracts"
                && (parts[3].EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || parts[3].EndsWith(".yml", StringComparison.OrdinalIgnoreCase)))
            {
                var full = Path.Combine(layout.Root, unknown.File.Replace('/', Path.DirectorySeparatorChar));
                if (File.Exists(full) && new FileInfo(full).LinkTarget is null)
                {
                    candidates.Add(new MigrationCandidate(unknown.File, full));
                }
            }
        }

        return [.. candidates.OrderBy(c => c.RelativePath, StringComparer.Ordinal)];
    }
}
