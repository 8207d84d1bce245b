using MeshGovernance.Testing;

namespace MeshGovernance.Site.Tests;

/// <summary>The governance page shows each waiver as the check applied it, not as a second reading of the file.</summary>
public sealed class WaiverPageTests
{
    [Fact]
    public void A_refused_an_expired_and_an_unused_waiver_each_say_so()
    {
        using var repo = TempMeshRepository.CopyOf(RepositoryPaths.Template);
        repo.Write("governance/waivers.yaml", """
            apiVersion: meshgov/v1
            kind: Waivers
            waivers:
              - policy: product-has-owner
                subjects: [payments.payment-transactions]
                justification: Hard-mandatory policies cannot be waived.
                approvedBy: elena-petrova
                expires: 2027-06-30
              - policy: active-contract-has-sla
                subjects: [marketing.customer-segments.v1]
                justification: Lapsed last month.
                approvedBy: elena-petrova
                expires: 2026-10-31
              - policy: active-contract-has-sla
                subjects: [payments.payment-transactions.v1]
                justification: Nothing needs this one.
                approvedBy: elena-petrova
                expires: 2027-01-31

            """);

        var (result, folder) = SiteBuilds.BuildWithPolicies(repo.Root);

        Assert.True(result.Succeeded, string.Join("\n", result.BrokenLinks));
        var page = SiteBuilds.Page(folder, "governance/index.html");
        var badges = page.QuerySelectorAll("section[aria-labelledby='waivers'] tbody tr .badge").Select(b => b.TextContent).ToList();
        Assert.Equal(["does not apply (see the diagnostics)", "expired 22 days ago", "in 70 days; unused"], badges);
        Directory.Delete(folder, recursive: true);
    }
}
