using System.Security.Cryptography;
using System.Text;
using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Loading;
using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Policies.Baselines;

/// <summary>
/// What identifies a finding across commits: its rule (policy or MG id), file, subject, and the path of the
/// place it points at (<c>schema[orders].properties[email]</c>), but neither its line, so that edits elsewhere
/// in the file do not make a recorded finding look new, nor its message, so that a meshgov release that words
/// a message better does not either. Findings alike in all four share a fingerprint; the baseline then
/// records it once per finding.
/// </summary>
public sealed class FindingFingerprint
{
    // Files, not their trees: a tree the file cache still holds is read only for a finding in that file.
    private readonly Dictionary<string, LoadedFile> _files;

    public FindingFingerprint(MeshLoadResult load) =>
        _files = load.Files.ToDictionary(f => f.File.RelativePath, StringComparer.Ordinal);

    public string Of(Diagnostic finding) => Hash(finding.Id, finding.File, finding.Subject, PathOf(finding));

    /// <summary>The path of the place the finding points at, or empty for a file meshgov could not read.</summary>
    public string PathOf(Diagnostic finding) =>
        _files.GetValueOrDefault(finding.File)?.Root is { } root ? SourcePath.At(root, finding.Line, finding.Column) : string.Empty;

    /// <summary>A file of the mesh that could not be read today: its recorded findings are not known to be gone.</summary>
    public bool IsUnreadable(string file) => _files.TryGetValue(file, out var loaded) && !loaded.HasTree;

    public static string Hash(string rule, string file, string? subject, string path)
    {
        var text = string.Join('\n', rule, file, subject ?? string.Empty, path);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 8);
    }
}
