using MeshGovernance.Testing;

namespace MeshGovernance.Cli.Tests;

/// <summary>Edits of the example mesh that the pull-request, diff and site tests share.</summary>
internal static class TemplateEdits
{
    /// <summary>The payments contract, consumed by two sales-analytics products.</summary>
    public const string PaymentsContract = "domains/payments/contracts/payment-transactions.odcs.yaml";

    /// <summary>Removes the <c>method</c> property of the payments contract: a breaking change.</summary>
    public static void RemovePaymentMethod(GitMeshRepository repo) => repo.Replace(PaymentsContract, """
              - name: method
                logicalType: string
                physicalType: varchar(20)
                required: true
                classification: internal
                examples: ["card", "paypal", "klarna", "ideal", "gift_card"]

        """, string.Empty);
}
