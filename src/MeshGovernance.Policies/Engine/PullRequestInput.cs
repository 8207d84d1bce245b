using MeshGovernance.Contracts;
using MeshGovernance.Model.Loading;

namespace MeshGovernance.Policies.Engine;

/// <summary>
/// What a pull-request check gives the engine besides the head mesh: the change policies see as <c>Change</c>,
/// the merge base (validation findings already there are existing debt), and the trusted revision whose
/// waivers and baseline apply, so a change cannot waive or record itself.
/// </summary>
public sealed record PullRequestInput
{
    public PullRequestInput(ChangeUnderReview change, MeshLoadResult mergeBase, MeshLoadResult trusted)
    {
        if (!ReferenceEquals(change.Base, mergeBase.Mesh))
        {
            throw new ArgumentException("The change's base mesh must be the one the merge base was loaded as: a worker is handed the change as the merge base's files.", nameof(mergeBase));
        }

        Change = change;
        MergeBase = mergeBase;
        Trusted = trusted;
    }

    public ChangeUnderReview Change { get; }

    public MeshLoadResult MergeBase { get; }

    public MeshLoadResult Trusted { get; }
}
