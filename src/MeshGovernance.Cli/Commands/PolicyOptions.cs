using System.CommandLine;
using System.Globalization;
using MeshGovernance.Policies.Compilation;
using MeshGovernance.Policies.Engine;
using MeshGovernance.Policies.Execution;

namespace MeshGovernance.Cli.Commands;

/// <summary>The options every command that runs policies shares: budget, cache, and the day to judge on.</summary>
internal sealed class PolicyOptions(PolicyWorkers workers)
{
    public Option<double> Timeout { get; } = new("--policy-timeout")
    {
        Description = "Seconds one policy may run before it is stopped and reported (MG1304).",
        HelpName = "SECONDS",
        DefaultValueFactory = _ => PolicyBudgetOptions.Default.Timeout.TotalSeconds,
    };

    public CacheOptions Cache { get; } = new(workers.Environment);

    public Option<string?> Today { get; } = new("--today")
    {
        Description = "Judge waiver expiry and date rules as of this day (YYYY-MM-DD) instead of today, for reproducible runs.",
        HelpName = "DATE",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Timeout);
        command.Options.Add(Today);
        Cache.AddTo(command);
    }

    /// <summary>The cache folder <see cref="Read"/> settled on (null when caching is off).</summary>
    public string? CacheRoot { get; private set; }

    /// <summary>The engine options, or null after writing an error that names the offending option.</summary>
    /// <param name="startWorker">Start the worker now when the mesh has policies of its own (see <see cref="PolicyWorkers.For"/>).</param>
    public PolicyEngineOptions? Read(ParseResult parse, string repositoryRoot, TextWriter error, bool startWorker = true)
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

        var (cacheRoot, valid) = Cache.Read(parse, repositoryRoot, error);
        if (!valid)
        {
            return null;
        }

        CacheRoot = cacheRoot;
        var cache = cacheRoot is null ? null : new PolicyCache(Path.Combine(cacheRoot, "policies"), PrecompiledPolicies.EmbeddedIn(typeof(PolicyOptions).Assembly));

        return new PolicyEngineOptions
        {
            Budget = PolicyBudgetOptions.Default with { Timeout = TimeSpan.FromSeconds(seconds) },
            Cache = cache,
            Today = today,
            Worker = workers.For(repositoryRoot, startWorker),
        };
    }
}
