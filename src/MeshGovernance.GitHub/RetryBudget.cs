using static MeshGovernance.Model.Text.Wording;
namespace MeshGovernance.GitHub;

/// <summary>
/// The attempts and the waiting one operation may still spend: exponential backoff with jitter, or the wait
/// GitHub asks for, within <see cref="GitHubClientOptions.MaxAttempts"/> and <see cref="GitHubClientOptions.MaxTotalWait"/>.
/// </summary>
internal sealed class RetryBudget(GitHubClientOptions options)
{
    private TimeSpan waited = TimeSpan.Zero;

    public int Attempt { get; private set; } = 1;

    public TimeSpan Waited => waited;

    /// <summary>
    /// Waits before the next attempt, or returns a reason not to make one: the attempts are used up, or the wait
    /// would go beyond the budget.
    /// </summary>
    public async Task<string?> WaitAsync(TimeSpan? requested, CancellationToken cancellationToken)
    {
        if (Attempt >= options.MaxAttempts)
        {
            return $"gave up after {Plural(Attempt, "attempt")}";
        }

        var delay = requested ?? Backoff();
        if (waited + delay > options.MaxTotalWait)
        {
            return $"gave up after {Plural(Attempt, "attempt")}: waiting {Describe(delay)} more would exceed the {Describe(options.MaxTotalWait)} retry budget";
        }

        await options.Delay(delay, cancellationToken).ConfigureAwait(false);
        waited += delay;
        Attempt++;
        return null;
    }

    /// <summary>The exponential delay for the coming retry, with jitter so parallel jobs do not retry in step.</summary>
    public TimeSpan Backoff()
    {
        var exponential = options.BaseDelay.TotalMilliseconds * Math.Pow(2, Attempt - 1);
        var capped = Math.Min(exponential, options.MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + (options.Jitter() / 2)));
    }

    private static string Describe(TimeSpan span) =>
        span.TotalMinutes >= 1 ? $"{span.TotalMinutes:0.#} min" : $"{span.TotalSeconds:0.###} s";
}
