using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Testing;

namespace MeshGovernance.Policies.Tests;

/// <summary>governance/waivers.yaml: waived findings stay visible; waivers that cannot apply are findings themselves.</summary>
public sealed class WaiverTests
{
    private static (string, string) Policy(string enforcement) => ("needs-tags", PolicyHarness.Script(
        "needs-tags",
        """
        foreach (var product in Mesh.Products.Where(p => p.Tags.Count == 0))
            Fail(product, $"Product '{product.Id}' has no tags.");
        """,
        enforcement));

    private static string Waivers(string entries) => "apiVersion: meshgov/v1\nkind: Waivers\nwaivers:\n" + entries;

    private static string Entry(string policy = "needs-tags", string subject = "sales.orders", string expires = "2027-03-31") =>
        $"  - policy: {policy}\n    subjects: [{subject}]\n    justification: Tags arrive with the catalog migration in Q1.\n    approvedBy: gov-lead\n    expires: {expires}\n";

    [Fact]
    public void A_waived_finding_is_reported_as_waived_and_does_not_block()
    {
        using var repo = TempMeshRepository.Valid().Write("governance/waivers.yaml", Waivers(Entry()));
        var result = PolicyHarness.Check(repo, null, Policy("soft-mandatory"));

        var finding = Assert.Single(result.Diagnostics, d => d.Id == "needs-tags");
        Assert.Equal(DiagnosticLevel.Error, finding.Level);
        Assert.True(finding.Policy!.Waived);
        Assert.Equal(("gov-lead", "2027-03-31", "governance/waivers.yaml", 4), (finding.Policy.Waiver!.ApprovedBy, finding.Policy.Waiver.Expires, finding.Policy.Waiver.Span.File, finding.Policy.Waiver.Span.Line));
        Assert.False(finding.Blocking);
        Assert.False(result.Blocking);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id.StartsWith("MG14", StringComparison.Ordinal));
    }

    [Fact]
    public void An_expired_waiver_stops_applying_and_says_so()
    {
        using var repo = TempMeshRepository.Valid().Write("governance/waivers.yaml", Waivers(Entry(expires: "2026-11-21")));
        var result = PolicyHarness.Check(repo, null, Policy("soft-mandatory"));

        Assert.True(Assert.Single(result.Diagnostics, d => d.Id == "needs-tags").Blocking);
        var expired = Assert.Single(result.Diagnostics, d => d.Id == "MG1404");
        Assert.Equal((DiagnosticLevel.Warning, 8), (expired.Level, expired.Line));
        Assert.Contains("expired on 2026-11-21", expired.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_waiver_for_a_hard_mandatory_policy_is_an_error_and_does_not_apply()
    {
        using var repo = TempMeshRepository.Valid().Write("governance/waivers.yaml", Waivers(Entry()));
        var result = PolicyHarness.Check(repo, null, Policy("hard-mandatory"));

        Assert.True(Assert.Single(result.Diagnostics, d => d.Id == "needs-tags").Blocking);
        Assert.Equal(4, Assert.Single(result.Diagnostics, d => d.Id == "MG1402").Line);
    }

    [Fact]
    public void Unknown_policies_and_subjects_are_errors_with_suggestions()
    {
        using var repo = TempMeshRepository.Valid().Write("governance/waivers.yaml", Waivers(Entry(policy: "needs-tag") + Entry(subject: "sales.order")));
        var result = PolicyHarness.Check(repo, null, Policy("soft-mandatory"));

        Assert.Contains("did you mean 'needs-tags'", Assert.Single(result.Diagnostics, d => d.Id == "MG1401").Message, StringComparison.Ordinal);
        var subject = Assert.Single(result.Diagnostics, d => d.Id == "MG1403");
        Assert.Contains("did you mean 'sales.orders'", subject.Message, StringComparison.Ordinal);
        Assert.Equal((10, 16), (subject.Line, subject.Column));
        Assert.True(result.Blocking);
    }

    [Fact]
    public void A_waiver_without_an_expiry_is_an_error()
    {
        using var repo = TempMeshRepository.Valid().Write("governance/waivers.yaml", Waivers(
            "  - policy: needs-tags\n    subjects: [sales.orders]\n    justification: Tags arrive with the catalog migration.\n    approvedBy: gov-lead\n"));
        var result = PolicyHarness.Check(repo, null, Policy("soft-mandatory"));

        var missing = Assert.Single(result.Diagnostics, d => d.File == "governance/waivers.yaml" && d.Level == DiagnosticLevel.Error);
        Assert.Contains("expires", missing.Message, StringComparison.Ordinal);
        Assert.True(Assert.Single(result.Diagnostics, d => d.Id == "needs-tags").Blocking);
    }

    [Fact]
    public void Waivers_close_to_expiry_and_unused_waivers_are_notices()
    {
        using var repo = TempMeshRepository.Valid().Write("governance/waivers.yaml", Waivers(Entry(expires: "2026-12-01") + Entry(subject: "sales.orders.v1")));
        var result = PolicyHarness.Check(repo, null, Policy("soft-mandatory"));

        Assert.True(Assert.Single(result.Diagnostics, d => d.Id == "needs-tags").Policy!.Waived);
        Assert.Contains("in 9 days", Assert.Single(result.Diagnostics, d => d.Id == "MG1405").Message, StringComparison.Ordinal);
        Assert.Equal(9, Assert.Single(result.Diagnostics, d => d.Id == "MG1406").Line);
        Assert.False(result.Blocking);
    }

    [Fact]
    public void A_waiver_never_covers_a_policy_that_did_not_run()
    {
        // The broken policy shares its id with a team, so a waiver for it names a known subject.
        using var repo = TempMeshRepository.Valid().Write("governance/waivers.yaml", Waivers(Entry(policy: "sales-team", subject: "sales-team")));
        var result = PolicyHarness.Check(repo, null, ("sales-team", PolicyHarness.Script("sales-team", "var broken = ;")));

        Assert.True(Assert.Single(result.Diagnostics, d => d.Id == "MG1302").Blocking);
        Assert.True(result.Blocking);
    }
}
