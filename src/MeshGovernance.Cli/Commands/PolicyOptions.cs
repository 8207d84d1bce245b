using System.CommandLine;
using System.Globalization;
using MeshGovernance.Policies.Compilation;
using MeshGovernance.Policies.Engine;
using MeshGovernance.Policies.Execution;

namespace MeshGovernance.Cli.Commands;

/// <summary>The options every command that runs policies shares: budget, cache, and the day to judge on.</summary>
internal sealed class PolicyOptions
{
    public Option<double> Timeout { get; } = new("--policy-timeout")
    {
        Description = "Seconds one policy may run before it is stopped and reported (MG1304).",
        HelpName = "SECONDS",
        DefaultValueFactory = _ => PolicyBudgetOptions.Default.Timeout.TotalSeconds,
    };

    public Option<DirectoryInfo?> CacheDirectory { get; } = new("--cache-dir")
    {
        Description = "Where compiled policies are kept between runs (default: $MESHGOV_CACHE_DIR, else ~/.cache/meshgov). Must be outside the repository.",
        HelpName = "DIR",
    };

    public Option<bool> NoCache { get; } = new("--no-cache")
    {
        Description = "Compile every policy, and keep nothing on disk.",
    };

    public Option<string?> Today { get; } = new("--today")
    {
        Description = "Judge waiver expiry and date rules as of this day (YYYY-MM-DD) instead of today, for reproducible runs.",
        HelpName = "DATE",
    };

    public IEnumerable<Option> All => [Timeout, CacheDirectory, NoCache, Today];

    public void AddTo(Command command)
    {
        foreach (var option in All)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The engine options, or null after writing an error that names the offending option.</summary>
    public PolicyEngineOptions? Read(ParseResult parse, string repositoryRoot, TextWriter error)
    {
        var seconds = parse.GetValue(Timeout);
        if (seconds is <= 0 or > 3600 || double.IsNaN(seconds))
        {
            error.WriteLine($"error: --policy-timeout: {seconds.ToString(CultureInfo.InvariantCulture)} is not a number of seconds between 0 and 3600.");
            return null;
        }

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        if (parse.GetValue(Today) is { } todayText && !DateOnly.TryParseExact(todayText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out today))
        {
            error.WriteLine($"error: --today: '{todayText}' is not a date written YYYY-MM-DD.");
            return null;
        }

        PolicyCache? cache = null;
        if (!parse.GetValue(NoCache))
        {
            cache = new PolicyCache(parse.GetValue(CacheDirectory)?.FullName ?? PolicyCache.DefaultDirectory());
            var root = Path.GetFullPath(repositoryRoot).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
            if ((cache.Directory + Path.DirectorySeparatorChar).StartsWith(root, StringComparison.Ordinal))
            {
                error.WriteLine($"error: --cache-dir: '{cache.Directory}' is inside the repository under check; a pull request could plant compiled policies there. Choose a folder outside it.");
                return null;
            }
        }

        return new PolicyEngineOptions
        {
            Budget = PolicyBudgetOptions.Default with { Timeout = TimeSpan.FromSeconds(seconds) },
            Cache = cache,
            Today = today,
        };
    }
}
