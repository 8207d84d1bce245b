using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Policies.BuiltIn;
using MeshGovernance.Results;

namespace MeshGovernance.Reports.Tests;

/// <summary>
/// Reports as a check of a small mesh would produce them: validation errors, findings of a hard-mandatory,
/// a soft-mandatory (one waived) and an advisory policy, a policy that ran out of time, and a disabled one.
/// </summary>
internal static class SampleReports
{
    public const string HardMandatory = "product-has-owner";
    public const string SoftMandatory = "contract-has-sla";
    public const string Advisory = "product-has-description";
    public const string TimedOut = "pii-columns-classified";
    public const string Disabled = "contract-has-examples";

    public const string UnknownFile = "domains/sales/notes 2024.txt";

    public static readonly AppliedWaiver SlaWaiver = new(
        "The SLA is negotiated with the finance team; the contract is renewed in Q3.",
        "governance-board",
        "2025-07-10",
        new SourceSpan("governance/waivers.yaml", 3, 5, 3, 21));

    public static CheckReport Check()
    {
        var hard = new PolicyAttribution(HardMandatory, Enforcement.HardMandatory);
        var soft = new PolicyAttribution(SoftMandatory, Enforcement.SoftMandatory);
        var advisory = new PolicyAttribution(Advisory, Enforcement.Advisory);
        var timedOut = new PolicyAttribution(TimedOut, Enforcement.SoftMandatory);
        Diagnostic[] diagnostics =
        [
            new(SoftMandatory, DiagnosticLevel.Error, "Contract 'finance.ledger.v2' has no slaProperties; add at least availability and latency.", new SourceSpan("domains/finance/contracts/ledger.odcs.yaml", 1, 1, 1, 11), "finance.ledger.v2", soft),
            new(HardMandatory, DiagnosticLevel.Error, "Data product 'marketing.campaigns' names the owner team 'growth-team', which does not exist in teams/.", new SourceSpan("domains/marketing/products/campaigns.odps.yaml", 8, 3, 8, 19), "marketing.campaigns", hard),
            new(Advisory, DiagnosticLevel.Warning, "Data product 'marketing.campaigns' has a description of 9 characters; say what the data is and who it is for.", new SourceSpan("domains/marketing/products/campaigns.odps.yaml", 11, 3, 11, 23), "marketing.campaigns", advisory),
            new(SoftMandatory, DiagnosticLevel.Error, "Contract 'sales.orders.v1' has no slaProperties; add at least availability and latency.", new SourceSpan("domains/sales/contracts/orders.odcs.yaml", 1, 1, 1, 11), "sales.orders.v1", soft with { Waiver = SlaWaiver }),
            DiagnosticCatalog.SchemaConditional.Create(new SourceSpan("domains/sales/contracts/orders.odcs.yaml", 41, 7, 41, 20), "servers[0] is missing the required property 'host' (required when type is 'postgres').", "sales.orders.v1"),
            DiagnosticCatalog.UnknownFile.Create(SourceSpan.StartOf(UnknownFile), $"The loader does not know what '{UnknownFile}' is."),
            new(Advisory, DiagnosticLevel.Notice, "Data product 'sales.orders' has no description.", new SourceSpan("domains/sales/products/orders.odps.yaml", 2, 1, 2, 5), "sales.orders", advisory),
            DiagnosticCatalog.PolicyTimedOut.Create(SourceSpan.StartOf("governance/policies/pii-columns-classified.csx"), $"Policy '{TimedOut}': it ran longer than 5 seconds. Its findings are discarded; the other policies ran.", TimedOut) with { Policy = timedOut },
            DiagnosticCatalog.WaiverExpiresSoon.Create(new SourceSpan("governance/waivers.yaml", 6, 14, 6, 24), $"The waiver of '{SoftMandatory}' for sales.orders.v1 expires on 2025-07-10, in 9 days."),
        ];
        PolicyOutcome[] policies =
        [
            Outcome(
                Metadata(HardMandatory, "Every data product names an owner team that exists", Enforcement.HardMandatory, "ownership", "Consumers need someone accountable for a product's quality, access and changes.", null, SubjectKind.Products),
                "policies/product-has-owner.csx",
                builtIn: true,
                ["marketing.campaigns", "sales.orders"],
                TimeSpan.FromMilliseconds(12)),
            Outcome(
                Metadata(SoftMandatory, "Every contract states its service levels", Enforcement.SoftMandatory, "reliability", "Consumers plan around availability and latency; a contract without them promises nothing.", "https://wiki.example.com/governance/sla", SubjectKind.Contracts),
                "governance/policies/contract-has-sla.csx",
                builtIn: false,
                ["finance.ledger.v2", "sales.orders.v1", "sales.returns.v1"],
                TimeSpan.FromMilliseconds(8)),
            Outcome(
                Metadata(Advisory, "Every data product describes itself", Enforcement.Advisory, "discoverability", "A catalog entry without a description is rarely found and never trusted.", null, SubjectKind.Products),
                "governance/policies/product-has-description.csx",
                builtIn: false,
                ["marketing.campaigns", "sales.orders"],
                TimeSpan.FromMilliseconds(3)),
            Outcome(
                Metadata(TimedOut, "Columns holding personal data are classified", Enforcement.SoftMandatory, "privacy", "Access reviews rely on every personal-data column being marked.", null, SubjectKind.Contracts),
                "governance/policies/pii-columns-classified.csx",
                builtIn: false,
                ["finance.ledger.v2", "sales.orders.v1", "sales.returns.v1"],
                TimeSpan.FromSeconds(5),
                ran: false),
            Outcome(
                Metadata(Disabled, "Every contract shows example rows", Enforcement.Advisory, "documentation", "Examples make a schema concrete.", null, SubjectKind.Contracts),
                "governance/policies/contract-has-examples.csx",
                builtIn: false,
                [],
                TimeSpan.Zero,
                ran: false,
                enabled: false),
        ];
        return new CheckReport(diagnostics, policies, 14);
    }

    /// <summary>
    /// The same check judging a pull request by 'carol': the marketing product is touched by the change, the
    /// finance contract and the unknown file are not, so their findings are existing debt.
    /// </summary>
    public static CheckReport PullRequest()
    {
        var check = Check();
        var diagnostics = check.Diagnostics
            .Select(d => d.File.StartsWith("domains/marketing/", StringComparison.Ordinal) || d.File.StartsWith("governance/", StringComparison.Ordinal) || d.Policy?.Waived == true
                ? d
                : d with { ExistingDebt = true })
            .ToList();
        return check with
        {
            Diagnostics = diagnostics,
            Change = new ChangeSummary("4b825dc642cb6eb9a060e54bf8d69288fbee4904", "9f2c1e0a7d3b5c4e6f8a0b1c2d3e4f5a6b7c8d9e", 3, "carol", PoliciesFromHead: false),
        };
    }

    /// <summary>A report of one enabled policy that ran over <paramref name="subjects"/> and reported <paramref name="findings"/>.</summary>
    public static CheckReport OfPolicy(IReadOnlyList<string> subjects, params Diagnostic[] findings) => new(
        findings,
        [Outcome(Metadata(HardMandatory, "Every data product names an owner team that exists", Enforcement.HardMandatory, "ownership", "Someone answers for every product.", null, SubjectKind.Products), "governance/policies/product-has-owner.csx", builtIn: false, subjects, TimeSpan.Zero)],
        3);

    /// <summary>A report of a policy about changes (pullRequestOnly) in a check without a pull request: it ran and found nothing.</summary>
    public static CheckReport OfChangePolicyOutsidePullRequest(params Diagnostic[] findings) => new(
        findings,
        [Outcome(Metadata("contract-version-bump", "A changed contract's version says what kind of change it is", Enforcement.SoftMandatory, "versioning", "Consumers read versions.", null, SubjectKind.Contracts) with { PullRequestOnly = true },
            "policies/contract-version-bump.csx", builtIn: true, ["sales.orders.v1"], TimeSpan.Zero) with { AwaitsPullRequest = true }],
        3);

    public static Diagnostic Finding(string subject, string message, SourceSpan? span = null, DiagnosticLevel level = DiagnosticLevel.Error) =>
        new(HardMandatory, level, message, span ?? new SourceSpan("domains/sales/products/orders.odps.yaml", 4, 1, 4, 5), subject, new PolicyAttribution(HardMandatory, Enforcement.HardMandatory));

    private static PolicyMetadata Metadata(string id, string title, Enforcement enforcement, string category, string rationale, string? help, SubjectKind scope) =>
        new(id, title, enforcement, category, rationale, help, [scope], new Dictionary<string, object>());

    private static PolicyOutcome Outcome(PolicyMetadata metadata, string source, bool builtIn, IReadOnlyList<string> subjects, TimeSpan duration, bool ran = true, bool enabled = true) =>
        new(metadata, source, builtIn, enabled, ran, subjects, FromCache: false, duration)
        {
            // What the engine attaches to a built-in policy: its help page from the pack.
            HelpPage = builtIn ? BuiltInPolicies.HelpPage(metadata.Id) : null,
        };
}
