using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Reports;

namespace MeshGovernance.GitHub.Tests;

/// <summary>Check reports to publish: blocking, advisory, waived and existing-debt findings, and many of them.</summary>
internal static class Reports
{
    public const string Policy = "product-has-owner";

    public static readonly AppliedWaiver Waiver = new("Owner team is being set up; tracked in GOV-12.", "governance-board", "2025-09-30", new SourceSpan("governance/waivers.yaml", 3, 5, 3, 20));

    public static CheckReport Of(params Diagnostic[] findings) => new(findings, [], 7);

    public static Diagnostic Blocking(string file = "domains/sales/products/orders.odps.yaml", int line = 4, string message = "Data product 'sales.orders' names no owning team.") =>
        new(Policy, DiagnosticLevel.Error, message, new SourceSpan(file, line, 3, line, 12), "sales.orders", new PolicyAttribution(Policy, Enforcement.HardMandatory));

    public static Diagnostic Advisory(int line = 9) =>
        new("product-has-description", DiagnosticLevel.Warning, "Data product 'sales.orders' has no description.", new SourceSpan("domains/sales/products/orders.odps.yaml", line, 1, line + 2, 5), "sales.orders", new PolicyAttribution("product-has-description", Enforcement.Advisory));

    public static Diagnostic Waived() =>
        new("contract-has-sla", DiagnosticLevel.Error, "Contract 'sales.orders.v1' has no slaProperties.", new SourceSpan("domains/sales/contracts/orders.odcs.yaml", 1, 1, 1, 11), "sales.orders.v1", new PolicyAttribution("contract-has-sla", Enforcement.SoftMandatory, Waiver));

    public static Diagnostic Debt() =>
        new(Policy, DiagnosticLevel.Error, "Data product 'finance.ledger' names no owning team.", new SourceSpan("domains/finance/products/ledger.odps.yaml", 2, 1, 2, 9), "finance.ledger", new PolicyAttribution(Policy, Enforcement.SoftMandatory)) { ExistingDebt = true };

    public static Diagnostic WholeFile() =>
        DiagnosticCatalog.UnknownFile.Create(SourceSpan.StartOf("domains/sales/notes.txt"), "The loader does not know what 'domains/sales/notes.txt' is.");

    public static Diagnostic NoFile() =>
        new("MG1308", DiagnosticLevel.Error, "mesh.yaml configures a policy that does not exist.", new SourceSpan(string.Empty, 0, 0, 0, 0));

    /// <summary><paramref name="count"/> blocking findings on lines 1..count of one file.</summary>
    public static CheckReport ManyBlocking(int count, string? message = null) =>
        Of(Enumerable.Range(1, count).Select(i => Blocking("domains/sales/products/big.odps.yaml", i, message ?? $"Finding number {i}.")).ToArray());
}
