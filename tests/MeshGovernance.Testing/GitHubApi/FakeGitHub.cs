using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MeshGovernance.Testing.GitHubApi;

/// <summary>
/// Just enough of GitHub's REST API for the publisher, on 127.0.0.1 with in-memory state: check runs (list for
/// a ref, create, update, annotations) and issue comments (list, create, update). It validates what GitHub
/// validates (50 annotations per request, 65,535-character fields, columns on one line), paginates with Link
/// headers, records every request, and injects faults per endpoint and attempt.
/// </summary>
public sealed class FakeGitHub : IAsyncDisposable
{
    public const string Token = "ghs_FakeTokenThatMustNeverLeak_0123456789";
    public const string Owner = "acme";
    public const string Repo = "mesh";

    private readonly WebApplication app;
    private readonly object gate = new();
    private readonly List<RecordedRequest> requests = [];
    private readonly Dictionary<FakeEndpoint, Queue<Fault?>> faults = [];
    private long nextId = 1000;

    private FakeGitHub(WebApplication app)
    {
        this.app = app;
    }

    public Uri ApiUrl { get; private set; } = null!;

    public List<FakeCheckRun> CheckRuns { get; } = [];

    public List<FakeComment> Comments { get; } = [];

    /// <summary>The largest page the fake serves, whatever per_page asks (GitHub's is 100).</summary>
    public int MaxPageSize { get; set; } = 100;

    public TimeProvider Clock { get; set; } = new FixedClock(FixedClock.Noon);

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (gate)
            {
                return requests.ToList();
            }
        }
    }

    public static async Task<FakeGitHub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeGitHub(app);
        fake.Map();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.ApiUrl = new Uri(address.TrimEnd('/') + "/");
        return fake;
    }

    /// <summary>The next requests to <paramref name="endpoint"/> meet these faults in turn (null: answered normally).</summary>
    public void Inject(FakeEndpoint endpoint, params Fault?[] sequence)
    {
        lock (gate)
        {
            if (!faults.TryGetValue(endpoint, out var queue))
            {
                faults[endpoint] = queue = new Queue<Fault?>();
            }

            foreach (var fault in sequence)
            {
                queue.Enqueue(fault);
            }
        }
    }

    public FakeComment AddComment(int issue, string body, string login = "someone", string type = "User")
    {
        lock (gate)
        {
            var comment = new FakeComment { Id = nextId++, Issue = issue, Body = body, Login = login, UserType = type };
            Comments.Add(comment);
            return comment;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private void Map()
    {
        app.Use(async (context, next) =>
        {
            context.Request.EnableBuffering();
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8, leaveOpen: true);
            var body = await reader.ReadToEndAsync();
            context.Request.Body.Position = 0;
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            lock (gate)
            {
                requests.Add(new RecordedRequest(context.Request.Method, context.Request.Path.Value ?? string.Empty, context.Request.QueryString.Value ?? string.Empty, headers, body));
            }

            if (context.Request.Headers.Authorization.ToString() != "Bearer " + Token)
            {
                await Write(context, 401, new JsonObject { ["message"] = "Bad credentials" });
                return;
            }

            await next(context);
        });

        const string repo = "/repos/{owner}/{repo}";
        app.MapGet(repo + "/commits/{sha}/check-runs", context => Handle(context, FakeEndpoint.ListCheckRunsForRef, ListCheckRuns));
        app.MapPost(repo + "/check-runs", context => Handle(context, FakeEndpoint.CreateCheckRun, CreateCheckRun));
        app.MapPatch(repo + "/check-runs/{id:long}", context => Handle(context, FakeEndpoint.UpdateCheckRun, UpdateCheckRun));
        app.MapGet(repo + "/check-runs/{id:long}/annotations", context => Handle(context, FakeEndpoint.ListAnnotations, ListAnnotations));
        app.MapGet(repo + "/issues/{number:int}/comments", context => Handle(context, FakeEndpoint.ListComments, ListComments));
        app.MapPost(repo + "/issues/{number:int}/comments", context => Handle(context, FakeEndpoint.CreateComment, CreateComment));
        app.MapPatch(repo + "/issues/comments/{id:long}", context => Handle(context, FakeEndpoint.UpdateComment, UpdateComment));
    }

    private async Task Handle(HttpContext context, FakeEndpoint endpoint, Func<HttpContext, JsonNode?, (int Status, JsonNode? Body)> process)
    {
        Fault? fault = null;
        lock (gate)
        {
            if (faults.TryGetValue(endpoint, out var queue) && queue.Count > 0)
            {
                fault = queue.Dequeue();
            }
        }

        switch (fault?.Kind)
        {
            case FaultKind.ServerError:
                await Write(context, 500, new JsonObject { ["message"] = "Server Error" });
                return;
            case FaultKind.SecondaryRateLimit:
                context.Response.Headers["retry-after"] = fault.Seconds.ToString();
                await Write(context, 403, new JsonObject { ["message"] = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again." });
                return;
            case FaultKind.RateLimitExhausted:
                context.Response.Headers["x-ratelimit-remaining"] = "0";
                context.Response.Headers["x-ratelimit-reset"] = (Clock.GetUtcNow().ToUnixTimeSeconds() + fault.Seconds).ToString();
                await Write(context, 429, new JsonObject { ["message"] = "API rate limit exceeded" });
                return;
            case FaultKind.Unprocessable:
                await Write(context, 422, new JsonObject
                {
                    ["message"] = fault.Message,
                    ["errors"] = new JsonArray((fault.Errors ?? []).Select(e => e is string s ? JsonValue.Create(s) : JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(e)))!.ToArray()),
                    ["documentation_url"] = "https://docs.github.com/rest",
                    ["status"] = "422",
                });
                return;
            case FaultKind.NotAccessible:
                await Write(context, 403, new JsonObject { ["message"] = "Resource not accessible by integration", ["status"] = "403" });
                return;
            case FaultKind.EchoAuthorization:
                await Write(context, 422, new JsonObject
                {
                    ["message"] = $"Validation Failed for request with {context.Request.Headers.Authorization}",
                    ["errors"] = new JsonArray(JsonValue.Create($"header was {context.Request.Headers.Authorization}")),
                });
                return;
        }

        JsonNode? body = null;
        if (context.Request.ContentLength > 0 || context.Request.Headers.ContentType.Count > 0)
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var text = await reader.ReadToEndAsync();
            body = text.Length > 0 ? JsonNode.Parse(text) : null;
        }

        var (status, answer) = process(context, body);
        if (fault?.Kind == FaultKind.SlowAfterProcessing)
        {
            // The request is carried out; the client, waiting past its timeout, never learns so.
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(fault.Seconds), context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        await Write(context, status, answer);
    }

    private (int Status, JsonNode? Body) ListCheckRuns(HttpContext context, JsonNode? body)
    {
        var sha = (string)context.Request.RouteValues["sha"]!;
        var name = context.Request.Query["check_name"].ToString();
        List<FakeCheckRun> runs;
        lock (gate)
        {
            runs = CheckRuns.Where(r => r.HeadSha == sha && (name.Length == 0 || r.Name == name)).ToList();
        }

        return Page(context, runs, RunJson, items => new JsonObject { ["total_count"] = runs.Count, ["check_runs"] = items });
    }

    private (int Status, JsonNode? Body) CreateCheckRun(HttpContext context, JsonNode? body)
    {
        var json = body!.AsObject();
        if (json["name"]?.GetValue<string>() is not { Length: > 0 } name || json["head_sha"]?.GetValue<string>() is not { Length: > 0 } sha)
        {
            return Invalid("name and head_sha are required");
        }

        if (Validate(json) is { } error)
        {
            return Invalid(error);
        }

        FakeCheckRun run;
        lock (gate)
        {
            run = new FakeCheckRun { Id = nextId++, Name = name, HeadSha = sha };
            Apply(run, json);
            CheckRuns.Add(run);
        }

        return (201, RunJson(run));
    }

    private (int Status, JsonNode? Body) UpdateCheckRun(HttpContext context, JsonNode? body)
    {
        var id = long.Parse((string)context.Request.RouteValues["id"]!);
        var json = body!.AsObject();
        if (Validate(json) is { } error)
        {
            return Invalid(error);
        }

        FakeCheckRun? run;
        lock (gate)
        {
            run = CheckRuns.FirstOrDefault(r => r.Id == id);
            if (run is not null)
            {
                Apply(run, json);
            }
        }

        return run is null ? (404, new JsonObject { ["message"] = "Not Found" }) : (200, RunJson(run));
    }

    private (int Status, JsonNode? Body) ListAnnotations(HttpContext context, JsonNode? body)
    {
        var id = long.Parse((string)context.Request.RouteValues["id"]!);
        List<JsonObject> annotations;
        lock (gate)
        {
            annotations = CheckRuns.FirstOrDefault(r => r.Id == id)?.Annotations.ToList() ?? [];
        }

        return Page(context, annotations, a =>
        {
            var copy = a.DeepClone().AsObject();
            copy["blob_href"] = "https://github.example/blob";
            return copy;
        }, items => items);
    }

    private (int Status, JsonNode? Body) ListComments(HttpContext context, JsonNode? body)
    {
        var number = int.Parse((string)context.Request.RouteValues["number"]!);
        List<FakeComment> comments;
        lock (gate)
        {
            comments = Comments.Where(c => c.Issue == number).OrderBy(c => c.Id).ToList();
        }

        return Page(context, comments, CommentJson, items => items);
    }

    private (int Status, JsonNode? Body) CreateComment(HttpContext context, JsonNode? body)
    {
        var number = int.Parse((string)context.Request.RouteValues["number"]!);
        var text = body?["body"]?.GetValue<string>();
        if (text is null || text.Length > 65_536)
        {
            return Invalid("body is missing or longer than 65536 characters");
        }

        FakeComment comment;
        lock (gate)
        {
            comment = new FakeComment { Id = nextId++, Issue = number, Body = text };
            Comments.Add(comment);
        }

        return (201, CommentJson(comment));
    }

    private (int Status, JsonNode? Body) UpdateComment(HttpContext context, JsonNode? body)
    {
        var id = long.Parse((string)context.Request.RouteValues["id"]!);
        var text = body?["body"]?.GetValue<string>();
        if (text is null || text.Length > 65_536)
        {
            return Invalid("body is missing or longer than 65536 characters");
        }

        FakeComment? comment;
        lock (gate)
        {
            comment = Comments.FirstOrDefault(c => c.Id == id);
            if (comment is not null)
            {
                comment.Body = text;
            }
        }

        return comment is null ? (404, new JsonObject { ["message"] = "Not Found" }) : (200, CommentJson(comment));
    }

    /// <summary>What GitHub would refuse in a check run create or update, or null.</summary>
    private static string? Validate(JsonObject json)
    {
        if (json["status"]?.GetValue<string>() == "completed" && json["conclusion"] is null)
        {
            return "conclusion is required when status is completed";
        }

        if (json["output"] is not JsonObject output)
        {
            return null;
        }

        if (output["title"] is null || output["summary"] is null)
        {
            return "output needs title and summary";
        }

        foreach (var field in new[] { "title", "summary", "text" })
        {
            if (output[field]?.GetValue<string>() is { Length: > 65_535 } text)
            {
                return $"Only 65535 characters are allowed in output.{field}; {text.Length} were supplied.";
            }
        }

        if (output["annotations"] is JsonArray annotations)
        {
            if (annotations.Count > 50)
            {
                return $"No more than 50 items are allowed; {annotations.Count} were supplied.";
            }

            foreach (var annotation in annotations.Select(a => a!.AsObject()))
            {
                var start = annotation["start_line"]?.GetValue<int>() ?? 0;
                var end = annotation["end_line"]?.GetValue<int>() ?? 0;
                if (start < 1 || end < start || annotation["path"] is null || annotation["message"] is null)
                {
                    return "annotation needs path, message and 1 <= start_line <= end_line";
                }

                if ((annotation["start_column"] is not null || annotation["end_column"] is not null) && start != end)
                {
                    return "start_column and end_column are only allowed when start_line equals end_line";
                }

                if (annotation["annotation_level"]?.GetValue<string>() is not ("notice" or "warning" or "failure"))
                {
                    return "annotation_level must be notice, warning or failure";
                }

                if (annotation["title"]?.GetValue<string>() is { Length: > 255 })
                {
                    return "annotation title is longer than 255 characters";
                }
            }
        }

        return null;
    }

    private static void Apply(FakeCheckRun run, JsonObject json)
    {
        run.Status = json["status"]?.GetValue<string>() ?? run.Status;
        run.Conclusion = json["conclusion"]?.GetValue<string>() ?? run.Conclusion;
        if (json["output"] is JsonObject output)
        {
            run.Title = output["title"]?.GetValue<string>() ?? run.Title;
            run.Summary = output["summary"]?.GetValue<string>() ?? run.Summary;
            run.Text = output["text"]?.GetValue<string>() ?? run.Text;
            if (output["annotations"] is JsonArray annotations)
            {
                // GitHub appends: annotations are never replaced.
                run.Annotations.AddRange(annotations.Select(a => a!.DeepClone().AsObject()));
            }
        }
    }

    private JsonObject RunJson(FakeCheckRun run) => new()
    {
        ["id"] = run.Id,
        ["name"] = run.Name,
        ["head_sha"] = run.HeadSha,
        ["status"] = run.Status,
        ["conclusion"] = run.Conclusion,
        ["html_url"] = $"https://github.example/{Owner}/{Repo}/runs/{run.Id}",
        ["output"] = new JsonObject { ["title"] = run.Title, ["summary"] = run.Summary, ["annotations_count"] = run.Annotations.Count },
    };

    private static JsonObject CommentJson(FakeComment comment) => new()
    {
        ["id"] = comment.Id,
        ["body"] = comment.Body,
        ["html_url"] = $"https://github.example/{Owner}/{Repo}/pull/{comment.Issue}#issuecomment-{comment.Id}",
        ["user"] = new JsonObject { ["login"] = comment.Login, ["type"] = comment.UserType },
    };

    private (int Status, JsonNode? Body) Page<T>(HttpContext context, IReadOnlyList<T> items, Func<T, JsonNode> render, Func<JsonArray, JsonNode> wrap)
    {
        var perPage = int.TryParse(context.Request.Query["per_page"], out var p) ? p : 30;
        var size = Math.Max(1, Math.Min(perPage, MaxPageSize));
        var page = int.TryParse(context.Request.Query["page"], out var n) ? n : 1;
        var slice = items.Skip((page - 1) * size).Take(size).Select(render).ToArray();
        if (page * size < items.Count)
        {
            var query = context.Request.Query.Where(q => q.Key != "page").Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value.ToString())}").Append($"page={page + 1}");
            context.Response.Headers["Link"] = $"<{ApiUrl.AbsoluteUri.TrimEnd('/')}{context.Request.Path}?{string.Join('&', query)}>; rel=\"next\"";
        }

        return (200, wrap(new JsonArray(slice)));
    }

    private static (int Status, JsonNode? Body) Invalid(string error) =>
        (422, new JsonObject { ["message"] = "Invalid request.\n\n" + error, ["documentation_url"] = "https://docs.github.com/rest/checks/runs" });

    private static async Task Write(HttpContext context, int status, JsonNode? json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(json?.ToJsonString() ?? string.Empty);
    }
}
