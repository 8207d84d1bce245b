namespace MeshGovernance.GitHub;

/// <summary>
/// How patiently <see cref="GitHubClient"/> talks to GitHub: the per-request timeout, how often and how long
/// it retries, and the delay function (tests inject one that does not sleep).
/// </summary>
public sealed record GitHubClientOptions
{
    /// <summary>A request that takes longer is abandoned and counts as a failed attempt.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts per request, the first included.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>The first backoff delay; each further retry doubles it, with jitter.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest backoff delay between two attempts (GitHub's own retry-after may ask for more, within <see cref="MaxTotalWait"/>).</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The most a request may spend waiting between attempts; a longer wait (a rate limit resetting in an hour) fails at once.</summary>
    public TimeSpan MaxTotalWait { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Waits between attempts. Defaults to <see cref="Task.Delay(TimeSpan, CancellationToken)"/>.</summary>
    public Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = Task.Delay;

    /// <summary>Draws the jitter, a number in [0, 1).</summary>
    public Func<double> Jitter { get; init; } = Random.Shared.NextDouble;

    /// <summary>The clock used to turn <c>x-ratelimit-reset</c> (epoch seconds) into a wait and to stamp completed_at.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public string UserAgent { get; init; } = "MeshGovernance/" + (typeof(GitHubClientOptions).Assembly.GetName().Version?.ToString(3) ?? "0");
}
