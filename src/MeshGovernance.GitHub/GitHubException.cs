using System.Net;

namespace MeshGovernance.GitHub;

/// <summary>
/// Publishing to GitHub failed, or the Actions environment is missing something. The message says what and
/// why, in words a workflow author can act on; it never contains the token.
/// </summary>
public sealed class GitHubException : Exception
{
    public GitHubException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>The HTTP status GitHub answered with; null when there was no answer (timeout, connection failure) or no request.</summary>
    public HttpStatusCode? StatusCode { get; init; }

    /// <summary>GitHub's own <c>message</c> from the error body, when it sent one.</summary>
    public string? GitHubMessage { get; init; }

    /// <summary>GitHub's <c>errors</c> from the error body (validation failures), one line each.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>The environment variable that is missing or invalid, for configuration errors.</summary>
    public string? Variable { get; init; }

    /// <summary>
    /// True when the request may have taken effect even though it failed (a timeout or a server error on a
    /// request that creates something): look before repeating it.
    /// </summary>
    public bool MayHaveSucceeded { get; init; }

    /// <summary>The token may not do this: a read-only token (a fork's pull request) or missing permissions.</summary>
    public bool ResourceNotAccessible =>
        StatusCode == HttpStatusCode.Forbidden && GitHubMessage?.Contains("Resource not accessible", StringComparison.OrdinalIgnoreCase) == true;
}
