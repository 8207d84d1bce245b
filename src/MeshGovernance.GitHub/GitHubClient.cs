using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MeshGovernance.GitHub;

/// <summary>
/// The GitHub REST API over an <see cref="HttpClient"/>: authenticates, sends JSON, retries what is safe to
/// retry (server errors, timeouts, rate limits) with backoff, follows pagination, and turns refusals into
/// <see cref="GitHubException"/> with GitHub's message. The token never appears in what it reports.
/// </summary>
public sealed class GitHubClient
{
    private const string ApiVersion = "2022-11-28";

    private readonly HttpClient http;
    private readonly string token;

    /// <param name="apiUrl">The REST API root: https://api.github.com, or https://HOST/api/v3 on GitHub Enterprise Server.</param>
    public GitHubClient(HttpClient http, Uri apiUrl, string token, GitHubClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        this.http = http;
        this.token = token;
        ApiUrl = apiUrl.AbsoluteUri.EndsWith('/') ? apiUrl : new Uri(apiUrl.AbsoluteUri + "/");
        Options = options ?? new GitHubClientOptions();
    }

    public Uri ApiUrl { get; }

    public GitHubClientOptions Options { get; }

    /// <summary>
    /// Sends one request. A request that is <paramref name="repeatable"/> (a read, or a write whose repetition
    /// changes nothing) is retried on server errors, timeouts and rate limits; one that is not (it creates or
    /// appends) is retried only when GitHub certainly refused it (a rate limit), and otherwise fails with
    /// <see cref="GitHubException.MayHaveSucceeded"/> so the caller can look before repeating it.
    /// </summary>
    /// <param name="path">Relative to the API root, e.g. <c>repos/o/r/check-runs</c>, or an absolute next-page URL on the same host.</param>
    public async Task<GitHubResponse> SendAsync(HttpMethod method, string path, JsonNode? body, bool repeatable, CancellationToken cancellationToken = default)
    {
        var uri = Resolve(path);
        var what = $"{method} {uri.AbsolutePath}";
        var budget = new RetryBudget(Options);
        while (true)
        {
            Failure failure;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(Options.RequestTimeout);
                using var request = Build(method, uri, body);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                var text = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return new GitHubResponse(response.StatusCode, Parse(text), NextPage(response));
                }

                failure = Classify(response, text, what);
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                failure = new Failure($"{what} got no answer within {Options.RequestTimeout.TotalSeconds:0.###} s", null, Refused: false, Retryable: true, null, e);
            }
            catch (HttpRequestException e)
            {
                failure = new Failure($"{what} failed: {Redact(e.Message)}", null, Refused: false, Retryable: true, null, e);
            }

            if (!failure.Retryable)
            {
                throw failure.ToException(this, mayHaveSucceeded: false);
            }

            if (!repeatable && !failure.Refused)
            {
                // The request may have been carried out before the failure; repeating it blindly could duplicate it.
                throw failure.ToException(this, mayHaveSucceeded: true);
            }

            var stop = await budget.WaitAsync(failure.RequestedDelay, cancellationToken).ConfigureAwait(false);
            if (stop is not null)
            {
                throw failure.ToException(this, mayHaveSucceeded: !repeatable && !failure.Refused, prefix: $"GitHub: {stop}. Last failure: ");
            }
        }
    }

    /// <summary>Every item of a paginated list (a JSON array, or the named array property of each page), following the Link header.</summary>
    public async IAsyncEnumerable<JsonElement> GetAllAsync(string path, string? arrayProperty = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? next = path;
        var pages = 0;
        while (next is not null)
        {
            // A Link cycle or a huge list must not keep a check job busy forever.
            if (++pages > 1000)
            {
                throw new GitHubException($"GitHub: GET {Resolve(path).AbsolutePath} has more than 1000 pages; stopped reading.");
            }

            var page = await SendAsync(HttpMethod.Get, next, null, repeatable: true, cancellationToken).ConfigureAwait(false);
            var items = arrayProperty is null ? page.Body : page.Body.ValueKind == JsonValueKind.Object && page.Body.TryGetProperty(arrayProperty, out var property) ? property : default;
            if (items.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in items.EnumerateArray())
                {
                    yield return item;
                }
            }

            next = page.NextPage?.AbsoluteUri;
        }
    }

    /// <summary>A fresh retry budget with this client's options, for callers that reconcile after an uncertain write.</summary>
    internal RetryBudget NewBudget() => new(Options);

    /// <summary>Removes the token from text that came from elsewhere (an error body, an exception message).</summary>
    internal string Redact(string text) => text.Replace(token, "***", StringComparison.Ordinal);

    private Uri Resolve(string path)
    {
        if (Uri.TryCreate(path, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            // A next-page link: only ever send the token back to the API itself.
            if (Uri.Compare(absolute, ApiUrl, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0 ||
                !absolute.AbsolutePath.StartsWith(ApiUrl.AbsolutePath, StringComparison.Ordinal))
            {
                throw new GitHubException($"GitHub: refusing to follow a link to {absolute.GetLeftPart(UriPartial.Path)}, outside the API at {ApiUrl}.");
            }

            return absolute;
        }

        return new Uri(ApiUrl, path.TrimStart('/'));
    }

    private HttpRequestMessage Build(HttpMethod method, Uri uri, JsonNode? body)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.github+json"));
        request.Headers.Add("X-GitHub-Api-Version", ApiVersion);
        request.Headers.UserAgent.ParseAdd(Options.UserAgent);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        return request;
    }

    private Failure Classify(HttpResponseMessage response, string text, string what)
    {
        var (message, errors) = ErrorBody(text);
        var status = (int)response.StatusCode;
        var description = $"{what} answered {status} {response.ReasonPhrase}" + (message is null ? string.Empty : $": {message}") +
            (errors.Count > 0 ? $" ({string.Join("; ", errors)})" : string.Empty);
        var rateLimitDelay = RateLimitDelay(response, message);
        if (rateLimitDelay is not null)
        {
            return new Failure(description, response.StatusCode, Refused: true, Retryable: true, rateLimitDelay, null) { Message = message, Errors = errors };
        }

        return new Failure(description, response.StatusCode, Refused: false, Retryable: status >= 500, null, null) { Message = message, Errors = errors };
    }

    /// <summary>
    /// How long GitHub asks us to wait when the answer is a rate limit (403 or 429): retry-after seconds, or until
    /// x-ratelimit-reset when none remain, or at least a minute for a secondary limit that says neither. Null
    /// when the answer is not a rate limit.
    /// </summary>
    private TimeSpan? RateLimitDelay(HttpResponseMessage response, string? message)
    {
        if (response.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests))
        {
            return null;
        }

        if (response.Headers.RetryAfter is { } retryAfter)
        {
            var delay = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - Options.Clock.GetUtcNow() : TimeSpan.Zero);
            return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
        }

        if (Header(response, "x-ratelimit-remaining") == "0" &&
            long.TryParse(Header(response, "x-ratelimit-reset"), NumberStyles.None, CultureInfo.InvariantCulture, out var reset))
        {
            var delay = DateTimeOffset.FromUnixTimeSeconds(reset) - Options.Clock.GetUtcNow() + TimeSpan.FromSeconds(1);
            return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
        }

        if (response.StatusCode == HttpStatusCode.TooManyRequests ||
            message?.Contains("rate limit", StringComparison.OrdinalIgnoreCase) == true)
        {
            return TimeSpan.FromMinutes(1);
        }

        return null;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault()?.Trim() : null;

    private static (string? Message, IReadOnlyList<string> Errors) ErrorBody(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, []);
            }

            var message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            var errors = new List<string>();
            if (root.TryGetProperty("errors", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var error in list.EnumerateArray().Take(20))
                {
                    errors.Add(error.ValueKind == JsonValueKind.String ? error.GetString()! : DescribeError(error));
                }
            }

            return (Clip(message), errors.Select(e => Clip(e)!).ToList());
        }
        catch (JsonException)
        {
            return (null, []);
        }
    }

    private static string DescribeError(JsonElement error)
    {
        if (error.ValueKind != JsonValueKind.Object)
        {
            return error.GetRawText();
        }

        string? Get(string name) => error.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        var parts = new[] { Get("resource"), Get("field"), Get("code") }.Where(p => p is not null);
        var where = string.Join(" ", parts);
        var message = Get("message");
        return message is null ? where : where.Length == 0 ? message : $"{where}: {message}";
    }

    private static string? Clip(string? text) => text is { Length: > 1000 } ? text[..1000] + "…" : text;

    private static JsonElement Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return default;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new GitHubException($"GitHub answered with a body that is not JSON ({e.Message}).");
        }
    }

    private static Uri? NextPage(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var links))
        {
            return null;
        }

        foreach (var link in links.SelectMany(l => l.Split(',')))
        {
            var parts = link.Split(';');
            if (parts.Length >= 2 && parts.Skip(1).Any(p => p.Trim().Replace(" ", string.Empty) is "rel=\"next\"" or "rel=next"))
            {
                var target = parts[0].Trim().TrimStart('<').TrimEnd('>');
                return Uri.TryCreate(target, UriKind.Absolute, out var uri) ? uri : null;
            }
        }

        return null;
    }

    /// <summary>One failed attempt: what happened, whether GitHub certainly refused it, whether another attempt may help.</summary>
    private sealed record Failure(string Description, HttpStatusCode? Status, bool Refused, bool Retryable, TimeSpan? RequestedDelay, Exception? Inner)
    {
        public string? Message { get; init; }

        public IReadOnlyList<string> Errors { get; init; } = [];

        public GitHubException ToException(GitHubClient client, bool mayHaveSucceeded, string prefix = "GitHub: ") =>
            new(client.Redact(prefix + Description + "."), Inner is null ? null : new GitHubException(client.Redact(Inner.GetType().Name + ": " + Inner.Message)))
            {
                StatusCode = Status,
                GitHubMessage = Message is null ? null : client.Redact(Message),
                Errors = Errors.Select(client.Redact).ToList(),
                MayHaveSucceeded = mayHaveSucceeded,
            };
    }
}
