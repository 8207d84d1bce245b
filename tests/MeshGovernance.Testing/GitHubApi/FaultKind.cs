namespace MeshGovernance.Testing.GitHubApi;

/// <summary>The kinds of <see cref="Fault"/>.</summary>
public enum FaultKind
{
    ServerError,
    SecondaryRateLimit,
    RateLimitExhausted,
    SlowAfterProcessing,
    Unprocessable,
    NotAccessible,
    EchoAuthorization,
}
