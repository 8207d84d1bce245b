using System.Reflection;

namespace MeshGovernance.Cli;

/// <summary>
/// What this build of meshgov is: the version from the git tag (MinVer), the commit it was built from, the
/// repository it was released from, and whether it is a release (built by GitHub Actions for a pushed tag).
/// </summary>
internal sealed record BuildInfo(string Version, string? Commit, string RepositoryUrl, string Repository, bool IsRelease)
{
    public static BuildInfo Current { get; } = Read(typeof(BuildInfo).Assembly);

    /// <summary>The commit's first twelve hexadecimal digits, as <c>git log --abbrev=12</c> shows it.</summary>
    public string? ShortCommit => Commit is { Length: > 12 } ? Commit[..12] : Commit;

    /// <summary><c>meshgov 0.2.0 (commit 1a2b3c4d5e6f)</c>: what <c>meshgov --version</c> prints.</summary>
    public string Describe() => Commit is null ? $"meshgov {Version}" : $"meshgov {Version} (commit {ShortCommit})";

    internal static BuildInfo Read(Assembly assembly)
    {
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        // The SDK appends "+<commit>" to the informational version; MinVer's own build metadata, if any, comes first.
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        var version = plus < 0 ? informational : informational[..plus];
        var metadata = plus < 0 ? string.Empty : informational[(plus + 1)..];
        var commit = metadata.Split('.').LastOrDefault(IsCommitId);

        string Metadata(string key) => assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value ?? string.Empty;
        var repository = Metadata("MeshgovRepository");
        var serverUrl = Metadata("MeshgovServerUrl");
        return new BuildInfo(version, commit, $"{serverUrl}/{repository}", repository, Metadata("MeshgovReleaseBuild") == "true");
    }

    private static bool IsCommitId(string text) => text.Length is 40 or 64 && text.All(char.IsAsciiHexDigitLower);
}
