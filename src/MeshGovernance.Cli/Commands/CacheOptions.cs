using System.CommandLine;

namespace MeshGovernance.Cli.Commands;

/// <summary>
/// Where meshgov keeps compiled policies and validation results between runs. Outside the repository under
/// check, always: a pull request must not be able to plant entries under keys it can predict.
/// </summary>
internal sealed class CacheOptions(IReadOnlyDictionary<string, string?> environment)
{
    public Option<DirectoryInfo?> Directory { get; } = new("--cache-dir")
    {
        Description = "Where compiled policies and validation results are kept between runs (default: $MESHGOV_CACHE_DIR, else $XDG_CACHE_HOME/meshgov, else ~/.cache/meshgov). Must be outside the repository.",
        HelpName = "DIR",
    };

    public Option<bool> Disabled { get; } = new("--no-cache")
    {
        Description = "Compile every policy and validate every file, and keep nothing on disk.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Directory);
        command.Options.Add(Disabled);
    }

    /// <summary>The cache root, null when caching is off, or an error (written) when it would sit inside the repository.</summary>
    public (string? Root, bool Valid) Read(ParseResult parse, string repositoryRoot, TextWriter error)
    {
        if (parse.GetValue(Disabled))
        {
            return (null, true);
        }

        var root = Path.GetFullPath(parse.GetValue(Directory)?.FullName ?? DefaultRoot());
        var repository = Path.GetFullPath(repositoryRoot).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        if ((root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar).StartsWith(repository, StringComparison.Ordinal))
        {
            error.WriteLine($"error: --cache-dir: '{root}' is inside the repository under check; a pull request could plant cache entries there. Choose a folder outside it.");
            return (null, false);
        }

        return (root, true);
    }

    private string DefaultRoot()
    {
        var configured = environment.GetValueOrDefault("MESHGOV_CACHE_DIR");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var xdg = environment.GetValueOrDefault("XDG_CACHE_HOME");
        if (!string.IsNullOrWhiteSpace(xdg))
        {
            return Path.Combine(xdg, "meshgov");
        }

        // Without a home folder (a bare CI container), a relative ".cache" would land in the working directory,
        // and a fixed name in the shared temporary folder could be created first by another user: a private
        // folder of this run's own, so nothing is kept between runs.
        var home = environment.GetValueOrDefault("HOME") is { Length: > 0 } set ? set : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile, Environment.SpecialFolderOption.DoNotVerify);
        return string.IsNullOrWhiteSpace(home)
            ? System.IO.Directory.CreateTempSubdirectory("meshgov-cache-").FullName
            : Path.Combine(home, ".cache", "meshgov");
    }
}
