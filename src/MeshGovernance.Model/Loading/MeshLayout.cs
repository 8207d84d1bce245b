namespace MeshGovernance.Model.Loading;

/// <summary>
/// The paths a mesh repository is made of, relative to its root: the manifest (<c>mesh.yaml</c>, or
/// <c>mesh.yml</c>) and the <c>teams/</c>, <c>domains/</c> and <c>governance/</c> folders. Everything that selects
/// a mesh's files (the scanner, git revisions, the trend and history, CODEOWNERS, rule-change notices) takes them from here.
/// </summary>
public static class MeshLayout
{
    /// <summary>The manifest's usual name, used where a message or a span must name it before one is found.</summary>
    public const string Manifest = "mesh.yaml";

    public const string Teams = "teams/";

    public const string Domains = "domains/";

    public const string Governance = "governance/";

    /// <summary>The names the manifest may have; when a repository has both, the first is read and the second reported.</summary>
    public static IReadOnlyList<string> ManifestNames { get; } = [Manifest, "mesh.yml"];

    /// <summary>Every path of a mesh, as prefixes ("teams/" a folder, "mesh.yaml" a file).</summary>
    public static IReadOnlyList<string> All { get; } = [.. ManifestNames, Teams, Domains, Governance];

    /// <summary>The paths whose changes alter the rules: policies, waivers, the baseline, and the policy settings in the manifest.</summary>
    public static IReadOnlyList<string> Rules { get; } = [Governance, .. ManifestNames];

    public static bool IsManifest(string relativePath) => ManifestNames.Contains(relativePath, StringComparer.Ordinal);

    /// <summary>True when a path relative to the mesh root is one of <paramref name="prefixes"/> or lies under one.</summary>
    public static bool IsUnder(string relativePath, IReadOnlyList<string> prefixes) =>
        prefixes.Any(p => p.EndsWith('/') ? relativePath.StartsWith(p, StringComparison.Ordinal) : relativePath == p);
}
