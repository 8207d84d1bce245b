using MeshGovernance.Testing;

namespace MeshGovernance.Cli.Tests;

/// <summary>
/// <c>meshgov baseline</c> on a copy of the example mesh with findings added: what it records passes the next
/// check, anything new fails it, fixed entries are reported and pruned, and a pull request cannot record its
/// own findings.
/// </summary>
public sealed class BaselineCommandTests : IDisposable
{
    private const string Consents = "domains/customers/contracts/customer-consents.odcs.yaml";
    private const string Profiles = "domains/customers/contracts/customer-profiles.odcs.yaml";
    private const string Today = "2026-11-22";

    private readonly GitMeshRepository _repo = GitMeshRepository.FromFolder(RepositoryPaths.Template);

    public void Dispose() => _repo.Dispose();

    private CliRun Check(params string[] extra) =>
        CliRun.Of(["check", "--repo", _repo.Root, "--no-cache", "--today", Today, "--format", "json", .. extra]);

    private CliRun Baseline(params string[] extra) => CliRun.Of(["baseline", "--repo", _repo.Root, "--no-cache", "--today", Today, .. extra]);

    private void RemoveName(string contract) => _repo.Replace(contract, "\nname: " + contract.Split('/')[^1].Replace(".odcs.yaml", string.Empty, StringComparison.Ordinal) + "\n", "\n");

    private static IReadOnlyList<System.Text.Json.JsonElement> Blocking(CliRun run) => run.Findings()
        .Where(f => f.GetProperty("level").GetString() == "error" && !f.GetProperty("waived").GetBoolean() && !f.TryGetProperty("baselined", out _))
        .ToList();

    [Fact]
    public void What_is_recorded_today_passes_and_a_new_finding_fails_tomorrow()
    {
        RemoveName(Consents);
        Assert.Equal(1, Check().ExitCode);

        var baseline = Baseline();
        Assert.True(baseline.ExitCode == 0, baseline.Error);
        Assert.Contains("recorded 1 finding(s): 1 new, 0 already recorded; 0 entries removed as fixed", baseline.Output, StringComparison.Ordinal);
        var file = _repo.Read("governance/baseline.yaml");
        Assert.Contains("rule: \"asset-has-description\"", file, StringComparison.Ordinal);
        Assert.Contains($"file: \"{Consents}\"", file, StringComparison.Ordinal);

        var today = Check();
        Assert.Equal(0, today.ExitCode);
        var recorded = Assert.Single(today.Findings(), f => f.TryGetProperty("baselined", out _));
        Assert.Equal("customers.customer-consents.v1", recorded.GetProperty("subject").GetString());

        // Lines moved above it do not make the recorded finding new.
        _repo.Replace(Consents, "apiVersion: v3.1.0\n", "# Reviewed by the customers team.\n\napiVersion: v3.1.0\n");
        Assert.Equal(0, Check().ExitCode);

        RemoveName(Profiles);
        var tomorrow = Check();
        Assert.Equal(1, tomorrow.ExitCode);
        var blocking = Assert.Single(Blocking(tomorrow));
        Assert.Equal("customers.customer-profiles.v1", blocking.GetProperty("subject").GetString());
        var text = CliRun.Of("check", "--repo", _repo.Root, "--no-cache", "--today", Today);
        Assert.Contains("[baselined: recorded in governance/baseline.yaml]", text.Output, StringComparison.Ordinal);
        Assert.Contains("; 1 baselined; 1 blocking finding.", text.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fixed_finding_makes_its_entry_removable_and_prune_removes_it_without_recording_new_ones()
    {
        var original = _repo.Read(Consents);
        RemoveName(Consents);
        Assert.Equal(0, Baseline().ExitCode);
        _repo.Write(Consents, original);
        RemoveName(Profiles);

        var check = Check();
        var removable = check.Single("MG1407");
        Assert.Equal(("notice", "governance/baseline.yaml"), (removable.GetProperty("level").GetString(), removable.GetProperty("file").GetString()));
        Assert.Contains($"No finding of 'asset-has-description' on 'customers.customer-consents.v1' in {Consents} matches this baseline entry any more", removable.GetProperty("message").GetString(), StringComparison.Ordinal);

        var prune = Baseline("--prune");
        Assert.Contains("recorded 0 finding(s): 0 new, 0 already recorded; 1 entry removed as fixed", prune.Output, StringComparison.Ordinal);
        Assert.Contains("findings: []", _repo.Read("governance/baseline.yaml"), StringComparison.Ordinal);
        Assert.Equal(1, Check().ExitCode);
    }

    [Fact]
    public void The_site_shows_baselined_debt_apart_from_new_failures()
    {
        RemoveName(Consents);
        Assert.Equal(0, Baseline().ExitCode);
        RemoveName(Profiles);
        var site = Path.Combine(_repo.Root, "_site");

        var run = CliRun.Of("site", "--repo", _repo.Root, "--out", site, "--no-cache", "--today", Today);

        Assert.True(run.ExitCode == 0, run.Error);
        var governance = File.ReadAllText(Path.Combine(site, "governance", "index.html"));
        Assert.Contains("<th scope=\"col\">Baselined</th>", governance, StringComparison.Ordinal);
        var row = governance[governance.IndexOf("id=\"policy-asset-has-description\"", StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        // Failed, waived, baselined: one contract without a name is baselined, the other fails.
        Assert.EndsWith("<td>1</td><td>0</td><td>1</td>", System.Text.RegularExpressions.Regex.Replace(row, @"\s+", string.Empty), StringComparison.Ordinal);
        var domain = File.ReadAllText(Path.Combine(site, "domains", "customers", "index.html"));
        Assert.Contains(", 1 baselined)", domain, StringComparison.Ordinal);
        Assert.Contains("class=\"badge baselined\"", domain + string.Concat(Directory.GetFiles(site, "*.html", SearchOption.AllDirectories).Select(File.ReadAllText)), StringComparison.Ordinal);
    }

    [Fact]
    public void Entries_of_a_policy_that_is_switched_off_are_kept_and_not_called_fixed()
    {
        RemoveName(Consents);
        Assert.Equal(0, Baseline().ExitCode);
        _repo.Replace("mesh.yaml", "  contract-has-servers:\n", "  asset-has-description:\n    enabled: false\n  contract-has-servers:\n");
        _repo.Replace("mesh.yaml", "  asset-has-description:\n    enforcement: soft-mandatory\n    params:\n      minPurposeLength: 40\n", string.Empty);

        Assert.DoesNotContain(Check().Findings(), f => f.GetProperty("id").GetString() == "MG1407");
        var prune = Baseline("--prune");

        Assert.Contains("recorded 1 finding(s): 0 new, 1 already recorded; 0 entries removed as fixed", prune.Output, StringComparison.Ordinal);
        Assert.Contains("rule: \"asset-has-description\"", _repo.Read("governance/baseline.yaml"), StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_edited_by_hand_does_not_excuse_anything()
    {
        RemoveName(Consents);
        Assert.Equal(0, Baseline().ExitCode);
        _repo.Replace("governance/baseline.yaml", $"file: \"{Consents}\"", $"file: \"{Profiles}\"");
        RemoveName(Profiles);

        var check = Check();

        Assert.Equal(1, check.ExitCode);
        Assert.Contains("its fingerprint does not match its rule, file, subject and place", check.Single("MG1408").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_baseline_is_never_written_through_a_symbolic_link()
    {
        using var elsewhere = TempMeshRepository.Empty();
        RemoveName(Consents);
        Directory.Move(Path.Combine(_repo.Root, "governance"), Path.Combine(elsewhere.Root, "governance"));
        File.CreateSymbolicLink(Path.Combine(_repo.Root, "governance"), Path.Combine(elsewhere.Root, "governance"));

        var run = Baseline();

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("governance/baseline.yaml is, or sits in, a symbolic link", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(elsewhere.Root, "governance", "baseline.yaml")));
    }

    [Fact]
    public void A_dry_run_prints_the_baseline_and_writes_nothing()
    {
        RemoveName(Consents);

        var run = Baseline("--dry-run");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("# Findings this repository had when it adopted meshgov", run.Output, StringComparison.Ordinal);
        Assert.Contains("would record 1 finding(s)", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_repo.Root, "governance", "baseline.yaml")));
    }

    [Fact]
    public void Findings_of_hard_mandatory_policies_are_never_recorded()
    {
        // An active product may only consume active contracts: consumers-use-usable-contracts is hard-mandatory.
        _repo.Replace("domains/orders/contracts/order-events-v2.odcs.yaml", "\nstatus: active\n", "\nstatus: draft\n");

        var run = Baseline();

        Assert.Contains("blocking finding(s) cannot be recorded", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("consumers-use-usable-contracts", _repo.Read("governance/baseline.yaml"), StringComparison.Ordinal);
        Assert.Equal(1, Check().ExitCode);
    }

    [Fact]
    public void An_entry_for_a_rule_that_cannot_be_baselined_is_a_warning()
    {
        _repo.Write("governance/baseline.yaml", """
            apiVersion: meshgov/v1
            kind: Baseline
            findings:
              - fingerprint: 0123456789abcdef
                rule: no-such-policy
                file: domains/customers/contracts/customer-consents.odcs.yaml
              - fingerprint: 0123456789abcdef
                rule: contract-has-owner
                file: domains/customers/contracts/customer-consents.odcs.yaml
            """);

        var findings = Check().Findings().Where(f => f.GetProperty("id").GetString() == "MG1408").ToList();

        Assert.Equal(2, findings.Count);
        Assert.Contains(findings, f => f.GetProperty("message").GetString()!.Contains("'no-such-policy', which is no policy of this mesh", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.GetProperty("message").GetString()!.Contains("'contract-has-owner', whose findings always block", StringComparison.Ordinal));
    }

    [Fact]
    public void In_a_pull_request_that_edits_a_baselined_contract_its_recorded_finding_does_not_block()
    {
        RemoveName(Consents);
        Assert.Equal(0, Baseline().ExitCode);
        var main = _repo.Commit("adopt meshgov with a baseline");
        _repo.Branch("tag-consents");
        _repo.Replace(Consents, "tags: [customer, consent, gdpr, events]", "tags: [customer, consent, gdpr, events, marketing]");
        _repo.Commit("tag the consents");

        var pullRequest = Check("--base", main);

        Assert.True(pullRequest.ExitCode == 0, string.Join(Environment.NewLine, Blocking(pullRequest)));
        var recorded = Assert.Single(pullRequest.Findings(), f => f.TryGetProperty("baselined", out _));
        Assert.Equal(Consents, recorded.GetProperty("file").GetString());
    }

    [Fact]
    public void A_pull_request_cannot_baseline_its_own_new_finding()
    {
        _repo.Commit("the example mesh");
        var mainBranch = _repo.Git("rev-parse", "HEAD").Trim();
        _repo.Branch("drop-the-name");
        RemoveName(Consents);
        Assert.Equal(0, Baseline().ExitCode);
        _repo.Commit("drop the name and record it");

        var pullRequest = Check("--base", mainBranch);

        Assert.Equal(1, pullRequest.ExitCode);
        Assert.Equal("customers.customer-consents.v1", Assert.Single(Blocking(pullRequest)).GetProperty("subject").GetString());
    }
}
