namespace MeshGovernance.Testing.GitHubApi;

/// <summary>What the fake GitHub does wrong on one request instead of (or after) answering it.</summary>
public sealed record Fault(FaultKind Kind, int Seconds = 0, string? Message = null, IReadOnlyList<object>? Errors = null)
{
    public static Fault ServerError() => new(FaultKind.ServerError);

    /// <summary>403 with retry-after: GitHub's secondary rate limit.</summary>
    public static Fault SecondaryRateLimit(int retryAfterSeconds) => new(FaultKind.SecondaryRateLimit, retryAfterSeconds);

    /// <summary>429 with x-ratelimit-remaining: 0 and x-ratelimit-reset this many seconds after the fake clock's now.</summary>
    public static Fault RateLimitExhausted(int resetInSeconds) => new(FaultKind.RateLimitExhausted, resetInSeconds);

    /// <summary>Carries the request out, then answers only after this many seconds (beyond the client's timeout).</summary>
    public static Fault SlowAfterProcessing(int seconds = 30) => new(FaultKind.SlowAfterProcessing, seconds);

    public static Fault Unprocessable(string message, params object[] errors) => new(FaultKind.Unprocessable, Message: message, Errors: errors);

    /// <summary>403 "Resource not accessible by integration": a read-only token.</summary>
    public static Fault NotAccessible() => new(FaultKind.NotAccessible);

    /// <summary>422 whose message repeats the Authorization header, as a careless proxy might.</summary>
    public static Fault EchoAuthorization() => new(FaultKind.EchoAuthorization);
}
