using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using MeshGovernance.Testing;
using MeshGovernance.Testing.GitHubApi;

namespace MeshGovernance.Cli.Tests;

/// <summary>
/// Every output of one check tells the same story: how many findings block, and for each policy how many
/// subjects fail and how many are waived. A pull request checked with <c>--github</c> (check run, comment, job
/// summary) and in every <c>--format</c>; the site against a plain check of the same working tree.
/// </summary>
public sealed partial class OutputAgreementTests : BreakingPullRequestTests, IClassFixture<PolicyCacheFixture>
{
    public OutputAgreementTests(PolicyCacheFixture cache)
        : base(cache)
    {
    }

    [Fact]
    public void A_pull_request_check_says_the_same_in_every_format_and_on_github()
    {
        var summaryFile = Repo.Root + "-summary.md";
        var jsonFile = Repo.Root + "-report.json";
        var posted = Run("json", github: summaryFile, output: jsonFile);
        var markdown = Run("markdown");
        var text = Run("text");
        var sarif = Run("sarif");
        var junit = Run("junit");

        Assert.True(posted.ExitCode == 1, posted.Output + posted.Error);
        var json = File.ReadAllText(jsonFile);
        using var report = JsonDocument.Parse(json);
        var blocking = report.RootElement.GetProperty("summary").GetProperty("blocking").GetInt32();
        var expected = FromJson(report.RootElement);
        Assert.True(blocking > 0 && expected.Values.Any(v => v.Failed > 0) && expected.Values.Any(v => v.Waived > 0), json);
        Assert.Equal(blocking, report.RootElement.GetProperty("findings").EnumerateArray().Count(f => f.GetProperty("blocking").GetBoolean()));

        var checkRun = Assert.Single(GitHub.CheckRuns);
        var comment = Assert.Single(GitHub.Comments).Body;
        var jobSummary = File.ReadAllText(summaryFile);
        foreach (var (name, body) in new[] { ("--format markdown", markdown.Output), ("comment", comment), ("job summary", jobSummary), ("check run", checkRun.Summary + "\n" + checkRun.Text) })
        {
            Assert.True(expected.OrderBy(e => e.Key).SequenceEqual(FromMarkdown(body).OrderBy(e => e.Key)), $"{name} disagrees with the JSON report:\n{body}");
            Assert.Contains($"**{blocking} blocking**", body, StringComparison.Ordinal);
        }

        Assert.Equal(Heading(markdown.Output), Heading(comment));
        Assert.Equal(Heading(markdown.Output), Heading(jobSummary));
        Assert.Contains($"{blocking} blocking finding", checkRun.Title, StringComparison.Ordinal);
        Assert.Contains($"; {blocking} blocking finding", text.Output, StringComparison.Ordinal);
        Assert.Equal(expected.Where(e => e.Value.Ran).OrderBy(e => e.Key), FromJunit(junit.Output).Where(e => expected[e.Key].Ran).OrderBy(e => e.Key));
        Assert.Equal(blocking, SarifBlocking(sarif.Output));
        File.Delete(summaryFile);
        File.Delete(jsonFile);
    }

    [Fact]
    public void The_site_shows_the_verdicts_of_a_plain_check_of_the_same_mesh()
    {
        using var output = TempMeshRepository.Empty();
        var site = Path.Combine(output.Root, "_site");
        var check = CliRun.Of("check", "--repo", Repo.Root, "--format", "json", "--cache-dir", Cache.Folder, "--today", "2026-11-22");
        var build = CliRun.Of("site", "--repo", Repo.Root, "--out", site, "--cache-dir", Cache.Folder, "--today", "2026-11-22", "--history", "0", "--trend", "0");

        Assert.True(build.ExitCode == 0, build.Output + build.Error);
        using var report = JsonDocument.Parse(check.Output);
        using var catalog = JsonDocument.Parse(File.ReadAllText(Path.Combine(site, "catalog.json")));
        var expected = FromJson(report.RootElement);
        var shown = catalog.RootElement.GetProperty("policies").EnumerateArray()
            .Where(p => p.GetProperty("enabled").GetBoolean())
            .ToDictionary(p => p.GetProperty("id").GetString()!, p => new Verdict(true, p.GetProperty("failed").GetInt32(), p.GetProperty("waived").GetInt32()));
        Assert.True(expected.Values.Any(v => v.Waived > 0), check.Output);
        Assert.Equal(expected.Where(e => e.Value.Ran).OrderBy(e => e.Key), shown.Where(e => expected[e.Key].Ran).OrderBy(e => e.Key));
    }

    private CliRun Run(string format, string? github = null, string? output = null)
    {
        string[] arguments = ["check", "--repo", Repo.Root, "--format", format, "--cache-dir", Cache.Folder, "--today", "2026-11-22", .. output is null ? Array.Empty<string>() : ["--output", output]];
        if (github is null)
        {
            return CliRun.Of([.. arguments, "--base", BaseSha, "--head", HeadSha, "--author", "someone-else"]);
        }

        var written = new StringWriter();
        var error = new StringWriter();
        var environment = PullRequestEnvironment.Create(GitHub, Repo.Root + "-event.json", 7, BaseSha, HeadSha, "breaking", github, fork: false);
        environment["GITHUB_ACTOR"] = "someone-else";
        var code = new MeshgovApp(written, error, environment).Run([.. arguments, "--github", "--author", "someone-else"]);
        return new CliRun(code, written.ToString(), error.ToString());
    }

    private static Dictionary<string, Verdict> FromJson(JsonElement report) => report.GetProperty("policies").EnumerateArray()
        .Where(p => p.GetProperty("enabled").GetBoolean())
        .ToDictionary(
            p => p.GetProperty("id").GetString()!,
            p => new Verdict(p.GetProperty("ran").GetBoolean(), p.GetProperty("failed").GetInt32(), p.GetProperty("waived").GetInt32()));

    /// <summary>The policies table: <c>| id | enforcement | category | ❌ 2 failing subjects (1 waived) |</c>.</summary>
    private static Dictionary<string, Verdict> FromMarkdown(string markdown) => PolicyRow().Matches(markdown)
        .Where(m => m.Groups["result"].Value != "disabled")
        .ToDictionary(
            m => m.Groups["id"].Value.Replace("\\", string.Empty, StringComparison.Ordinal),
            m =>
            {
                var result = m.Groups["result"].Value;
                var failed = FailingSubjects().Match(result);
                var waived = WaivedSubjects().Match(result);
                return new Verdict(!result.Contains("did not run", StringComparison.Ordinal), failed.Success ? int.Parse(failed.Groups[1].Value) : 0, waived.Success ? int.Parse(waived.Groups[1].Value) : 0);
            });

    private static Dictionary<string, Verdict> FromJunit(string xml) => XDocument.Parse(xml).Descendants("testsuite")
        .Where(s => s.Attribute("name")!.Value != "validation")
        .ToDictionary(
            s => s.Attribute("name")!.Value,
            s => new Verdict(true, int.Parse(s.Attribute("failures")!.Value), int.Parse(s.Attribute("skipped")!.Value)));

    private static int SarifBlocking(string sarif)
    {
        using var log = JsonDocument.Parse(sarif);
        return log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Count(r => r.GetProperty("properties").GetProperty("blocking").GetBoolean());
    }

    private static string Heading(string markdown) => markdown.Split('\n').First(l => l.StartsWith("## ", StringComparison.Ordinal));

    [GeneratedRegex(@"^\| (?<id>[a-z0-9\\-]+) \| (?:advisory|soft-mandatory|hard-mandatory) \| [^|]* \| (?<result>[^|]+) \|$", RegexOptions.Multiline)]
    private static partial Regex PolicyRow();

    [GeneratedRegex(@"❌ (\d+) failing subject")]
    private static partial Regex FailingSubjects();

    [GeneratedRegex(@"(\d+) waived")]
    private static partial Regex WaivedSubjects();

    private sealed record Verdict(bool Ran, int Failed, int Waived);
}
