namespace MeshGovernance.Testing.GitHubApi;

/// <summary>A clock that always says the same time, so rate-limit resets turn into known waits.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public static readonly DateTimeOffset Noon = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => now;
}
