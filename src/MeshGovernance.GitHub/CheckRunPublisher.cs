using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MeshGovernance.Reports;
using static MeshGovernance.Model.Text.Wording;

namespace MeshGovernance.GitHub;

/// <summary>
/// Posts a check report as the one check run of a head commit and check name: creates it the first time,
/// updates it on every later run (never a second one), with its conclusion, summary, policies and annotations
/// in batches of 50. A create that may have gone through is looked up again before it is repeated, and
/// annotations GitHub already holds are not sent twice.
/// </summary>
public sealed class CheckRunPublisher
{
    /// <summary>The Checks API takes at most this many annotations per request.</summary>
    public const int AnnotationsPerRequest = 50;

    private readonly GitHubClient client;
    private readonly string repositoryPath;

    public CheckRunPublisher(GitHubClient client, string owner, string repository, CheckRunOptions? options = null)
    {
        this.client = client;
        repositoryPath = $"repos/{Uri.EscapeDataString(owner)}/{Uri.EscapeDataString(repository)}";
        Options = options ?? new CheckRunOptions();
        ArgumentException.ThrowIfNullOrWhiteSpace(Options.Name);
    }

    public CheckRunOptions Options { get; }

    /// <exception cref="GitHubException">The check run could not be created or updated; <see cref="GitHubException.ResourceNotAccessible"/> when the token may not write checks.</exception>
    public async Task<CheckRunResult> PublishAsync(CheckReport report, string headSha, CancellationToken cancellationToken = default)
    {
        var warnings = new List<string>();
        var all = CheckAnnotation.InPriorityOrder(report.Diagnostics)
            .Select(CheckAnnotation.Of)
            .OfType<CheckAnnotation>()
            .ToList();
        var desired = all.Take(Math.Max(0, Options.MaxAnnotations)).ToList();
        var dropped = all.Count - desired.Count;

        var existing = await FindAsync(headSha, cancellationToken).ConfigureAwait(false);
        var present = existing is null ? [] : await AnnotationKeysAsync(existing.Id, cancellationToken).ConfigureAwait(false);
        var stale = Subtract(present, all.Select(a => a.Key));
        var output = BuildOutput(report, dropped, all.Count, stale.Count);
        var remaining = Subtract(desired, present);
        var alreadyPresent = desired.Count - remaining.Count;
        var sent = 0;

        long id;
        string? htmlUrl;
        var mustUpdate = existing is not null;
        if (existing is null)
        {
            var batch = remaining.Take(AnnotationsPerRequest).ToList();
            var (run, confirmedLater) = await CreateAsync(headSha, output, batch, cancellationToken).ConfigureAwait(false);
            (id, htmlUrl) = run;
            if (confirmedLater)
            {
                // The create went through after all; which annotations it carried is on GitHub, not in our memory.
                remaining = Subtract(desired, await AnnotationKeysAsync(id, cancellationToken).ConfigureAwait(false));
                sent = desired.Count - remaining.Count;
            }
            else
            {
                remaining = remaining.Skip(batch.Count).ToList();
                sent = batch.Count;
            }
        }
        else
        {
            (id, htmlUrl) = existing;
        }

        var notSent = 0;
        var budget = client.NewBudget();
        while (mustUpdate || remaining.Count > 0)
        {
            var batch = remaining.Take(AnnotationsPerRequest).ToList();
            try
            {
                var response = await client.SendAsync(HttpMethod.Patch, $"{repositoryPath}/check-runs/{id}", Payload(output, batch, headSha: null), repeatable: batch.Count == 0, cancellationToken).ConfigureAwait(false);
                htmlUrl ??= HtmlUrl(response.Body);
                remaining = remaining.Skip(batch.Count).ToList();
                sent += batch.Count;
                mustUpdate = false;
            }
            catch (GitHubException e) when (e.MayHaveSucceeded)
            {
                var stop = await budget.WaitAsync(null, cancellationToken).ConfigureAwait(false);
                if (stop is not null)
                {
                    if (mustUpdate)
                    {
                        throw new GitHubException($"GitHub: could not update check run {id} ({stop}). {e.Message}", e) { StatusCode = e.StatusCode, GitHubMessage = e.GitHubMessage, Errors = e.Errors };
                    }

                    notSent = remaining.Count;
                    warnings.Add($"{Plural(notSent, "annotation")} could not be sent ({stop}): {e.Message}");
                    break;
                }

                var before = remaining.Count;
                remaining = Subtract(desired, await AnnotationKeysAsync(id, cancellationToken).ConfigureAwait(false));
                sent += Math.Max(0, before - remaining.Count);
            }
            catch (GitHubException e) when (!mustUpdate)
            {
                // The conclusion and summary are posted; a batch GitHub refuses must not hide them.
                notSent = remaining.Count;
                warnings.Add($"{Plural(notSent, "annotation")} could not be sent: {e.Message}");
                break;
            }
        }

        if (dropped > 0)
        {
            warnings.Add($"{Plural(dropped, "finding")} not annotated: a check run gets at most {Options.MaxAnnotations} annotations here (the summary lists every finding).");
        }

        if (stale.Count > 0)
        {
            warnings.Add($"{Plural(stale.Count, "annotation")} from an earlier run on this commit no longer apply; GitHub cannot remove annotations.");
        }

        return new CheckRunResult(id, htmlUrl, existing is null, CheckSummaryMarkdown.ConclusionOf(report), sent, alreadyPresent, dropped, notSent, stale.Count, output.Truncated, warnings);
    }

    /// <summary>The check run of this name on the commit, the newest when there are several.</summary>
    private async Task<ExistingRun?> FindAsync(string headSha, CancellationToken cancellationToken)
    {
        ExistingRun? newest = null;
        var path = $"{repositoryPath}/commits/{Uri.EscapeDataString(headSha)}/check-runs?check_name={Uri.EscapeDataString(Options.Name)}&filter=latest&per_page=100";
        await foreach (var run in client.GetAllAsync(path, "check_runs", cancellationToken).ConfigureAwait(false))
        {
            if (run.TryGetProperty("name", out var name) && name.GetString() == Options.Name &&
                run.TryGetProperty("id", out var idElement) && idElement.TryGetInt64(out var id) &&
                (newest is null || id > newest.Id))
            {
                newest = new ExistingRun(id, HtmlUrl(run));
            }
        }

        return newest;
    }

    private async Task<(ExistingRun Run, bool ConfirmedLater)> CreateAsync(string headSha, Output output, IReadOnlyList<CheckAnnotation> batch, CancellationToken cancellationToken)
    {
        var budget = client.NewBudget();
        while (true)
        {
            try
            {
                var response = await client.SendAsync(HttpMethod.Post, $"{repositoryPath}/check-runs", Payload(output, batch, headSha), repeatable: false, cancellationToken).ConfigureAwait(false);
                if (!response.Body.TryGetProperty("id", out var id) || !id.TryGetInt64(out var value))
                {
                    throw new GitHubException("GitHub: the created check run has no id in GitHub's answer.");
                }

                return (new ExistingRun(value, HtmlUrl(response.Body)), false);
            }
            catch (GitHubException e) when (e.MayHaveSucceeded)
            {
                // Give GitHub time to finish what it may have started, then look before creating again.
                var stop = await budget.WaitAsync(null, cancellationToken).ConfigureAwait(false);
                if (await FindAsync(headSha, cancellationToken).ConfigureAwait(false) is { } found)
                {
                    return (found, true);
                }

                if (stop is not null)
                {
                    throw new GitHubException($"GitHub: could not create the check run ({stop}). {e.Message}", e) { StatusCode = e.StatusCode, GitHubMessage = e.GitHubMessage, Errors = e.Errors };
                }
            }
        }
    }

    private async Task<List<string>> AnnotationKeysAsync(long checkRunId, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        await foreach (var annotation in client.GetAllAsync($"{repositoryPath}/check-runs/{checkRunId}/annotations?per_page=100", null, cancellationToken).ConfigureAwait(false))
        {
            keys.Add(CheckAnnotation.KeyOf(annotation));
        }

        return keys;
    }

    private Output BuildOutput(CheckReport report, int dropped, int annotatable, int stale)
    {
        var notes = new List<string>();
        if (dropped > 0)
        {
            notes.Add($"**{annotatable - dropped} of {annotatable}** findings are annotated on the diff (at most {Options.MaxAnnotations} per check run, blocking ones first); the tables list every finding.");
        }

        if (stale > 0)
        {
            notes.Add($"{Plural(stale, "annotation")} from an earlier run on this commit no longer apply: GitHub keeps annotations once posted. The tables below are current.");
        }

        var pointer = Options.FullReportUrl is { } url ? $"[the job summary]({url.AbsoluteUri})" : "the output of `meshgov check`";
        var markdown = CheckSummaryMarkdown.Render(report, Options.Name, Options.BlobUrl, notes, includePolicies: false);
        var (summary, truncated) = TextLimits.FitOnLines(markdown, TextLimits.CheckRunField, TextLimits.Chars, lines =>
            $"\n**The summary is cut here ({Plural(lines, "more line")}): GitHub takes at most 65,535 characters. The full report is in {pointer}.**\n");
        var policies = CheckSummaryMarkdown.Policies(report);
        string? text = null;
        if (policies.Length > 0)
        {
            (text, var textTruncated) = TextLimits.FitOnLines("### Policies\n\n" + policies, TextLimits.CheckRunField, TextLimits.Chars, lines =>
                $"\n**{Plural(lines, "more line")} cut here: GitHub takes at most 65,535 characters. The full report is in {pointer}.**\n");
            truncated |= textTruncated;
        }

        return new Output(Cut(CheckSummaryMarkdown.Title(report), 1000), summary, text, Conclusion(report), truncated);
    }

    private JsonObject Payload(Output output, IReadOnlyList<CheckAnnotation> batch, string? headSha)
    {
        var payload = new JsonObject();
        if (headSha is not null)
        {
            payload["name"] = Options.Name;
            payload["head_sha"] = headSha;
        }

        payload["status"] = "completed";
        payload["conclusion"] = output.Conclusion;
        payload["completed_at"] = client.Options.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        if (Options.DetailsUrl is { } details)
        {
            payload["details_url"] = details.AbsoluteUri;
        }

        var json = new JsonObject
        {
            ["title"] = output.Title,
            ["summary"] = output.Summary,
        };
        if (output.Text is not null)
        {
            json["text"] = output.Text;
        }

        if (batch.Count > 0)
        {
            json["annotations"] = new JsonArray(batch.Select(a => (JsonNode)a.ToJson()).ToArray());
        }

        payload["output"] = json;
        return payload;
    }

    private static string Conclusion(CheckReport report) => CheckSummaryMarkdown.ConclusionOf(report) switch
    {
        CheckConclusion.Failure => "failure",
        CheckConclusion.Neutral => "neutral",
        _ => "success",
    };

    private static string? HtmlUrl(JsonElement run) =>
        run.ValueKind == JsonValueKind.Object && run.TryGetProperty("html_url", out var url) && url.ValueKind == JsonValueKind.String ? url.GetString() : null;

    /// <summary>The items of <paramref name="wanted"/> not matched one for one by <paramref name="present"/>, in order.</summary>
    private static List<T> Subtract<T>(IEnumerable<T> wanted, IEnumerable<string> present, Func<T, string> key)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var k in present)
        {
            counts[k] = counts.GetValueOrDefault(k) + 1;
        }

        var left = new List<T>();
        foreach (var item in wanted)
        {
            var k = key(item);
            if (counts.GetValueOrDefault(k) > 0)
            {
                counts[k]--;
            }
            else
            {
                left.Add(item);
            }
        }

        return left;
    }

    private static List<CheckAnnotation> Subtract(IEnumerable<CheckAnnotation> wanted, IEnumerable<string> present) => Subtract(wanted, present, a => a.Key);

    private static List<string> Subtract(IEnumerable<string> wanted, IEnumerable<string> present) => Subtract(wanted, present, k => k);

    /// <summary>A check run found on the commit (or just created).</summary>
    private sealed record ExistingRun(long Id, string? HtmlUrl);

    /// <summary>The check run's output and conclusion, already within GitHub's limits.</summary>
    private sealed record Output(string Title, string Summary, string? Text, string Conclusion, bool Truncated);
}
