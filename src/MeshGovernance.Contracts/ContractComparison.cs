using MeshGovernance.Model.Graph;

namespace MeshGovernance.Contracts;

/// <summary>
/// A contract a pull request adds, changes or removes: its version at the merge base and at the head (matched
/// by id), and every change between the two, classified.
/// </summary>
/// <param name="Base">The contract at the merge base; null when the pull request adds it.</param>
/// <param name="Head">The contract at the head; null when the pull request removes it (or changes its id).</param>
public sealed record ContractComparison(string Id, DataContract? Base, DataContract? Head, ContractChangeSet Changes)
{
    public bool IsAdded => Base is null;

    public bool IsRemoved => Head is null;

    /// <summary>True when a change is breaking for consumers (a removed contract is).</summary>
    public bool IsBreaking => IsRemoved || Changes.Changes.Any(c => c.Severity == ChangeSeverity.Breaking);

    /// <summary>The node to report on: the head contract, or the base one when it was removed.</summary>
    public DataContract Subject => Head ?? Base!;
}
