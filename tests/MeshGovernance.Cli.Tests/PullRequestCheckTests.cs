using System.Text.Json;
using MeshGovernance.Testing;

namespace MeshGovernance.Cli.Tests;

/// <summary>
/// <c>meshgov check --base --head</c> end to end on real git repositories: the example mesh committed on main,
/// a pull request branch on top, judged by the policies of main.
/// </summary>
public sealed class PullRequestCheckTests : IClassFixture<PolicyCacheFixture>
{
    private const string Contract = "domains/payments/contracts/payment-transactions.odcs.yaml";
    private const string PaymentsLead = "omar-farouk";

    private readonly PolicyCacheFixture _cache;

    public PullRequestCheckTests(PolicyCacheFixture cache) => _cache = cache;

    [Fact]
    public void An_additive_change_with_a_minor_bump_by_an_owner_passes()
    {
        using var repo = GitMeshRepository.FromFolder(RepositoryPaths.Template);
        repo.Branch("add-column");
        repo.Replace(Contract, "version: 1.5.1", "version: 1.6.0");
        repo.Replace(Contract, "      - name: method\n", """
                  - name: channel
                    logicalType: string
                    physicalType: varchar(20)
                    required: false
                    classification: internal
                    description: Web shop or app the payment was made in.
                  - name: method

            """.Replace("\n\n", "\n", StringComparison.Ordinal));
        repo.Commit("Add the payment channel");

        var run = Check(repo, "--author", PaymentsLead);

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Empty(Blocking(run));
        Assert.Equal(1, Change(run).GetProperty("changedFiles").GetInt32());
    }

    [Fact]
    public void A_breaking_change_without_a_major_version_fails_and_names_the_consumers_and_their_owners()
    {
        using var repo = GitMeshRepository.FromFolder(RepositoryPaths.Template);
        repo.Branch("drop-method");
        TemplateEdits.RemovePaymentMethod(repo);
        repo.Replace(Contract, "version: 1.5.1", "version: 1.5.2");
        repo.Commit("Drop the payment method");

        var run = Check(repo, "--author", PaymentsLead);

        Assert.Equal(1, run.ExitCode);
        var version = Assert.Single(Blocking(run), f => f.GetProperty("id").GetString() == "contract-version-bump");
        Assert.Equal(Contract, version.GetProperty("file").GetString());
        Assert.Equal(5, version.GetProperty("line").GetInt32());
        var consumers = Assert.Single(Blocking(run), f => f.GetProperty("id").GetString() == "breaking-change-consumers");
        var message = consumers.GetProperty("message").GetString()!;
        Assert.Contains("sales-analytics.daily-sales", message, StringComparison.Ordinal);
        Assert.Contains("sales-analytics.customer-lifetime-value", message, StringComparison.Ordinal);
        Assert.Contains("sales-analytics", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_breaking_change_with_a_major_version_still_blocks_while_consumers_read_the_contract_in_place()
    {
        using var repo = GitMeshRepository.FromFolder(RepositoryPaths.Template);
        repo.Branch("drop-method-major");
        TemplateEdits.RemovePaymentMethod(repo);
        repo.Replace(Contract, "version: 1.5.1", "version: 2.0.0");
        repo.Commit("Drop the payment method, major version");

        var run = Check(repo, "--author", PaymentsLead);

        Assert.Equal(1, run.ExitCode);
        Assert.DoesNotContain(run.Findings(), f => f.GetProperty("id").GetString() == "contract-version-bump");
        Assert.Single(Blocking(run), f => f.GetProperty("id").GetString() == "breaking-change-consumers");
    }

    [Fact]
    public void A_breaking_version_published_side_by_side_passes()
    {
        using var repo = GitMeshRepository.FromFolder(RepositoryPaths.Template);
        repo.Branch("payments-v2");
        var v2 = repo.Read(Contract)
            .Replace("id: payments.payment-transactions.v1", "id: payments.payment-transactions.v2", StringComparison.Ordinal)
            .Replace("version: 1.5.1", "version: 2.0.0", StringComparison.Ordinal);
        repo.Write("domains/payments/contracts/payment-transactions-v2.odcs.yaml", v2);
        repo.Commit("Publish v2 beside v1");

        var run = Check(repo, "--author", PaymentsLead);

        Assert.DoesNotContain(Blocking(run), f => f.GetProperty("id").GetString() is "breaking-change-consumers" or "contract-version-bump");
    }

    [Fact]
    public void A_pull_request_that_rewrites_disables_and_waives_the_rule_it_breaks_still_fails()
    {
        using var repo = GitMeshRepository.FromFolder(RepositoryPaths.Template);
        repo.Branch("sneaky");
        // The change the rule forbids: marketing's segments stop reading the consents.
        repo.Replace("domains/marketing/products/customer-segments.odps.yaml", "contractId: customers.customer-consents.v1", "contractId: customers.customer-profiles.v1");
        // ...and three ways to make the rule let it pass.
        repo.Replace("governance/policies/consent-for-customer-data.csx", "var personalDataDomain = Params.String(\"personalDataDomain\");", "return;\nvar personalDataDomain = Params.String(\"personalDataDomain\");");
        repo.Replace("mesh.yaml", "policies:\n", "policies:\n  consent-for-customer-data:\n    enabled: false\n");
        repo.Write("governance/waivers.yaml", repo.Read("governance/waivers.yaml") + """
              - policy: consent-for-customer-data
                subjects: [marketing.customer-segments]
                justification: We waive our own change.
                approvedBy: nobody
                expires: 2027-01-01

            """);
        repo.Commit("Stop reading consents");

        var run = Check(repo, "--author", "sofia-rossi");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(Blocking(run), f => f.GetProperty("id").GetString() == "consent-for-customer-data");
        var notices = run.Findings().Where(f => f.GetProperty("id").GetString() == "MG1501").Select(f => f.GetProperty("file").GetString()).ToList();
        Assert.Equal(["governance/policies/consent-for-customer-data.csx", "governance/waivers.yaml", "mesh.yaml"], notices.Order(StringComparer.Ordinal));

        var fromHead = Check(repo, "--author", "sofia-rossi", "--policies-from", "head");
        Assert.DoesNotContain(fromHead.Findings(), f => f.GetProperty("id").GetString() == "consent-for-customer-data");
        Assert.Contains(fromHead.Findings(), f => f.GetProperty("id").GetString() == "MG1502");
        Assert.Equal("head", Change(fromHead).GetProperty("policiesFrom").GetString());
    }

    [Fact]
    public void A_manifest_named_mesh_yml_gives_the_trusted_settings_and_its_changes_are_rule_changes()
    {
        using var repo = GitMeshRepository.FromFolder(RepositoryPaths.Template);
        repo.Git("mv", "mesh.yaml", "mesh.yml");
        repo.Replace("mesh.yml", "policies:\n", "policies:\n  consent-for-customer-data:\n    enabled: false\n");
        repo.Commit("Name the manifest mesh.yml; switch the consent rule off");
        repo.Branch("reword");
        // A change the switched-off rule would block, and the head switching it on: the base's setting decides.
        repo.Replace("domains/marketing/products/customer-segments.odps.yaml", "contractId: customers.customer-consents.v1", "contractId: customers.customer-profiles.v1");
        repo.Replace("mesh.yml", "  consent-for-customer-data:\n    enabled: false\n", "  consent-for-customer-data:\n    enabled: true\n");
        repo.Commit("Read the profiles; switch the rule back on");

        var run = Check(repo, "--author", "sofia-rossi");

        Assert.DoesNotContain(run.Findings(), f => f.GetProperty("id").GetString() == "consent-for-customer-data");
        var notices = run.Findings().Where(f => f.GetProperty("id").GetString() == "MG1501").Select(f => f.GetProperty("file").GetString());
        Assert.Equal(["mesh.yml"], notices);
    }

    [Fact]
    public void A_change_to_a_domain_by_someone_outside_its_team_fails_and_names_the_owners()
    {
        using var repo = GitMeshRepository.FromFolder(RepositoryPaths.Template);
        repo.Branch("drive-by");
        repo.Replace(Contract, "description: One row per payment attempt.", "description: One row per payment attempt, failed ones included.");
        repo.Commit("Clarify the description");

        var outsider = Check(repo, "--author", "alice-nguyen");
        var owner = Check(repo, "--author", PaymentsLead);

        Assert.Equal(1, outsider.ExitCode);
        var finding = Assert.Single(Blocking(outsider));
        Assert.Equal("change-authored-by-owner", finding.GetProperty("id").GetString());
        Assert.Contains("@omar-farouk", finding.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.True(owner.ExitCode == 0, owner.Output);
    }

    [Fact]
    public void Findings_on_subjects_the_change_does_not_touch_are_existing_debt()
    {
        // The example mesh has an advisory finding on teams/supply-chain.yaml, which this change does not touch.
        using var repo = GitMeshRepository.FromFolder(RepositoryPaths.Template);
        repo.Branch("unrelated");
        repo.Replace(Contract, "description: One row per payment attempt.", "description: One row per payment attempt, failed ones included.");
        repo.Commit("Clarify the description");

        var run = Check(repo, "--author", PaymentsLead);

        Assert.True(run.ExitCode == 0, run.Output);
        var advisory = Assert.Single(run.Findings(), f => f.GetProperty("id").GetString() == "team-has-contact");
        Assert.True(IsExistingDebt(advisory));
    }

    [Fact]
    public void The_working_tree_is_the_head_by_default_untracked_files_included()
    {
        using var repo = GitMeshRepository.FromFolder(RepositoryPaths.Template);
        repo.Branch("local");
        TemplateEdits.RemovePaymentMethod(repo);

        var run = CliRun.Of(["check", "--repo", repo.Root, "--base", "main", "--format", "json", "--cache-dir", _cache.Folder, "--today", "2026-11-22"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(Blocking(run), f => f.GetProperty("id").GetString() == "contract-version-bump");
    }

    [Fact]
    public void Bad_revisions_and_a_repository_without_git_are_usage_errors_naming_the_option()
    {
        using var repo = GitMeshRepository.FromFolder(RepositoryPaths.Template);
        using var plain = TempMeshRepository.Valid();

        var unknown = CliRun.Of("check", "--repo", repo.Root, "--base", "no-such-branch", "--no-cache");
        var optionLike = CliRun.Of("check", "--repo", repo.Root, "--base", "--output=x", "--no-cache");
        var headOnly = CliRun.Of("check", "--repo", repo.Root, "--head", "main", "--no-cache");
        var notGit = CliRun.Of("check", "--repo", plain.Root, "--base", "main", "--no-cache");

        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("no-such-branch", unknown.Error, StringComparison.Ordinal);
        Assert.StartsWith("error: --base:", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(2, optionLike.ExitCode);
        Assert.Equal(2, headOnly.ExitCode);
        Assert.StartsWith("error: --head:", headOnly.Error, StringComparison.Ordinal);
        Assert.Equal(2, notGit.ExitCode);
        Assert.Contains("git", notGit.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_shallow_clone_is_refused_with_what_to_do_and_fetched_when_allowed()
    {
        using var origin = GitMeshRepository.FromFolder(RepositoryPaths.Template);
        origin.Branch("pr");
        origin.Replace(Contract, "description: One row per payment attempt.", "description: One row per payment attempt, failed ones included.");
        origin.Commit("Clarify");
        using var clones = TempMeshRepository.Empty();
        var clone = Path.Combine(clones.Root, "clone");
        GitMeshRepository.Run(clones.Root, "clone", "--quiet", "--depth", "1", "--branch", "pr", "--no-single-branch", "file://" + origin.Root, clone);

        var refused = CliRun.Of("check", "--repo", clone, "--base", "origin/main", "--no-cache");
        var fetched = CliRun.Of(["check", "--repo", clone, "--base", "origin/main", "--fetch", "--format", "json", "--cache-dir", _cache.Folder, "--author", PaymentsLead, "--today", "2026-11-22"]);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("fetch-depth: 0", refused.Error, StringComparison.Ordinal);
        Assert.True(fetched.ExitCode == 0, fetched.Output + fetched.Error);
        Assert.Equal(1, Change(fetched).GetProperty("changedFiles").GetInt32());
    }

    private CliRun Check(GitMeshRepository repo, params string[] extra) =>
        CliRun.Of(["check", "--repo", repo.Root, "--base", "main", "--head", "HEAD", "--format", "json", "--cache-dir", _cache.Folder, "--today", "2026-11-22", .. extra]);

    private static List<JsonElement> Blocking(CliRun run) => run.Findings()
        .Where(f => f.GetProperty("level").GetString() == "error" && !IsExistingDebt(f) && !(f.TryGetProperty("waived", out var w) && w.GetBoolean()))
        .ToList();

    private static bool IsExistingDebt(JsonElement finding) => finding.TryGetProperty("existingDebt", out var debt) && debt.GetBoolean();

    private static JsonElement Change(CliRun run)
    {
        using var document = JsonDocument.Parse(run.Output);
        return document.RootElement.GetProperty("change").Clone();
    }
}

/// <summary>One policy cache for a test class, so the built-in pack is compiled once rather than per run.</summary>
public sealed class PolicyCacheFixture : IDisposable
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "meshgov-pr-cache-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
