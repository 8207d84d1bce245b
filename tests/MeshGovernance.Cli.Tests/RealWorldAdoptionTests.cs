using System.Text.Json;
using System.Text.RegularExpressions;
using MeshGovernance.Testing;

namespace MeshGovernance.Cli.Tests;

/// <summary>
/// The real ODCS contracts of ../shared/corpus/realworld, adopted as a team would: each file unchanged in a
/// mesh of its own, with its domain and owning team described under the names the file uses (as
/// tools/realworld-adoption does). The default pack must not block them for what the standard allows, and
/// a repository holding all of them passes once baselined, then fails on a new finding.
/// </summary>
[Collection("Real-world adoption")]
public sealed partial class RealWorldAdoptionTests : IClassFixture<RealWorldAdoptionTests.Adoption>
{
    private readonly Adoption _adoption;

    public RealWorldAdoptionTests(Adoption adoption) => _adoption = adoption;

    [CorpusFact]
    public void The_median_real_contract_gets_at_most_one_blocking_finding()
    {
        var perFile = _adoption.Results.Select(r => r.Blocking.Count).Order().ToList();

        Assert.True(perFile.Count > 150, $"only {perFile.Count} real contracts were adopted");
        Assert.True(perFile[perFile.Count / 2] <= 1, $"median {perFile[perFile.Count / 2]} blocking findings per file:{Environment.NewLine}{_adoption.Describe()}");
    }

    [CorpusFact]
    public void No_blocking_finding_comes_from_what_the_standard_allows()
    {
        var falsePositives = _adoption.Results
            .SelectMany(r => r.Blocking.Select(f => (r.File, Policy: f.GetProperty("policy").GetString()!, Message: f.GetProperty("message").GetString()!)))
            .Where(f => IsFalsePositive(f.Policy, f.Message))
            .Select(f => $"{f.File}: {f.Policy}: {f.Message}")
            .ToList();

        Assert.True(falsePositives.Count == 0, string.Join(Environment.NewLine, falsePositives));
    }

    /// <summary>The classes of false positive issue 11 found, each as the finding it would be.</summary>
    private static bool IsFalsePositive(string policy, string message) => policy switch
    {
        // Optional in ODCS: advisory by default, a house rule a mesh may raise.
        "asset-has-description" or "contract-has-servers" or "active-contract-has-sla" => true,
        // UUIDs (which ODCS recommends), URNs and snake_case ids.
        "id-naming-convention" => UuidUrnOrSnakeCaseId().IsMatch(message),
        // A key column (addressid, billtoaddressid, phonenumbertypeid) is no personal data.
        "pii-classified" => KeyColumn().IsMatch(message),
        // An ISO 8601 date or date-time called not ISO 8601.
        "dates-iso8601" => IsoDateInQuotes().IsMatch(message),
        // A major-only port version ("1" against 1.0.0).
        "port-version-matches-contract" => message.Contains("version '1'", StringComparison.Ordinal),
        _ => false,
    };

    [GeneratedRegex(@"id '([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|urn:[^']+|[a-z][a-z0-9_]*)'")]
    private static partial Regex UuidUrnOrSnakeCaseId();

    [GeneratedRegex(@"Property '[^']*?([a-z0-9]*(id|key|uuid|guid))' ", RegexOptions.IgnoreCase)]
    private static partial Regex KeyColumn();

    [GeneratedRegex(@"'\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?'")]
    private static partial Regex IsoDateInQuotes();

    [CorpusFact]
    public void A_repository_of_the_real_contracts_passes_once_baselined_and_fails_on_a_new_finding()
    {
        using var repo = TempMeshRepository.Empty();
        foreach (var (file, text) in _adoption.WellFormed)
        {
            Adoption.Add(repo, file, text);
        }

        string[] check = ["check", "--repo", repo.Root, "--cache-dir", _adoption.Cache, "--today", "2026-12-06", "--format", "json"];
        Assert.Equal(1, CliRun.Of(check).ExitCode);

        var baseline = CliRun.Of("baseline", "--repo", repo.Root, "--cache-dir", _adoption.Cache, "--today", "2026-12-06");
        Assert.True(baseline.ExitCode == 0, baseline.Error);
        Assert.DoesNotContain("cannot be recorded", baseline.Error, StringComparison.Ordinal);
        var today = CliRun.Of(check);
        Assert.True(today.ExitCode == 0, string.Join(Environment.NewLine, today.Findings().Where(f => f.GetProperty("level").GetString() == "error" && !f.TryGetProperty("baselined", out _)).Take(10)));

        repo.Write("domains/adopted/contracts/new-contract.odcs.yaml", """
            apiVersion: v3.1.0
            kind: DataContract
            id: new-contract
            version: 1.0.0
            status: live
            domain: adopted
            """);
        var tomorrow = CliRun.Of(check);
        Assert.Equal(1, tomorrow.ExitCode);
        var blocking = tomorrow.Findings().Where(f => f.GetProperty("level").GetString() == "error" && !f.TryGetProperty("baselined", out _) && !f.GetProperty("waived").GetBoolean()).ToList();
        Assert.All(blocking, f => Assert.Equal("new-contract", f.GetProperty("subject").GetString()));
    }

    /// <summary>Every real ODCS v3 contract checked once in a mesh of its own, shared by the tests.</summary>
    public sealed class Adoption : IDisposable
    {
        private readonly TempMeshRepository _work = TempMeshRepository.Empty();

        public Adoption()
        {
            Cache = Path.Combine(_work.Root, "cache");
            var folder = Path.Combine(RepositoryPaths.Corpus, "realworld");
            if (!File.Exists(Path.Combine(folder, "manifest.json")))
            {
                return;
            }

            using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "manifest.json")));
            foreach (var entry in manifest.RootElement.EnumerateArray().Where(e => e.GetProperty("group").GetString() == "odcs-v3"))
            {
                var file = entry.GetProperty("file").GetString()!;
                var text = File.ReadAllText(Path.Combine(folder, file));
                Results.Add(CheckAlone(file, text));
            }

            WellFormed = Results.Where(r => r.WellFormed).Select(r => (r.File, r.Text)).ToList();
        }

        public string Cache { get; }

        public List<AdoptedFile> Results { get; } = [];

        public IReadOnlyList<(string File, string Text)> WellFormed { get; } = [];

        public string Describe() => string.Join(Environment.NewLine, Results
            .SelectMany(r => r.Blocking.Select(f => f.GetProperty("policy").GetString() ?? "?"))
            .CountBy(p => p)
            .OrderByDescending(p => p.Value)
            .Select(p => $"  {p.Key}: {p.Value}"));

        public void Dispose() => _work.Dispose();

        private AdoptedFile CheckAlone(string file, string text)
        {
            using var repo = TempMeshRepository.Empty();
            var relative = Add(repo, file, text);
            var run = CliRun.Of("check", "--repo", repo.Root, "--cache-dir", Cache, "--today", "2026-12-06", "--format", "json");
            var onFile = run.Findings().Where(f => f.GetProperty("file").GetString() == relative).ToList();
            var blocking = onFile.Where(f => f.TryGetProperty("policy", out _) && f.GetProperty("level").GetString() == "error" && !f.GetProperty("waived").GetBoolean()).ToList();
            return new AdoptedFile(file, text, blocking, onFile.All(f => f.GetProperty("id").GetString() != "MG1001"));
        }

        /// <summary>
        /// Writes the contract into the mesh with what a team adopting it would add: mesh.yaml, the governance
        /// team, and the owning team and the domain under the names the file uses (read with a regular
        /// expression, as these files write them plainly). Returns the contract's path.
        /// </summary>
        public static string Add(TempMeshRepository repo, string file, string text)
        {
            var domainName = Match(text, @"^domain:\s*[""']?([^""'#\n]+)") ?? "adopted";
            var teamName = Match(text, @"^team:[ \t]*\n(?:[ \t]+#.*\n)*[ \t]+name:\s*[""']?([^""'#\n]+)") ?? "Data Team";
            var (domain, team) = (Slug(domainName), Slug(teamName));
            repo.Write("mesh.yaml", "apiVersion: meshgov/v1\nkind: Mesh\nname: adoption\ngovernance:\n  team: governance\n");
            repo.Write("teams/governance.yaml", "apiVersion: meshgov/v1\nkind: Team\nid: governance\nname: Governance\ncontact:\n  email: governance@example.com\nmembers:\n  - username: gov-lead\n    role: lead\n");
            repo.Write($"teams/{team}.yaml", $"apiVersion: meshgov/v1\nkind: Team\nid: {team}\nname: {JsonSerializer.Serialize(teamName)}\ngithubTeam: example/{team}\ncontact:\n  email: data@example.com\nmembers:\n  - username: data-lead\n    role: lead\n");
            if (!File.Exists(repo.PathOf($"domains/{domain}/domain.yaml")))
            {
                repo.Write($"domains/{domain}/domain.yaml", $"apiVersion: meshgov/v1\nkind: Domain\nid: {domain}\nname: {JsonSerializer.Serialize(domainName)}\ndescription: Adopted as written.\ntype: source-aligned\nowner: {team}\n");
            }

            var relative = $"domains/{domain}/contracts/{Path.GetFileNameWithoutExtension(file)}.odcs.yaml";
            repo.Write(relative, text);
            return relative;
        }

        private static string? Match(string text, string pattern) =>
            Regex.Match(text, pattern, RegexOptions.Multiline) is { Success: true } match ? match.Groups[1].Value.Trim() : null;

        private static string Slug(string text)
        {
            var slug = Regex.Replace(text.ToLowerInvariant(), "[^a-z0-9]+", "-").Trim('-');
            return slug.Length == 0 ? "adopted" : slug;
        }
    }

    public sealed record AdoptedFile(string File, string Text, IReadOnlyList<JsonElement> Blocking, bool WellFormed);
}
