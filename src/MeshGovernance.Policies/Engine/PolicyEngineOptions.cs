using MeshGovernance.Model.Loading;
using MeshGovernance.Policies.Changes;
using MeshGovernance.Policies.Compilation;
using MeshGovernance.Policies.Execution;

namespace MeshGovernance.Policies.Engine;

public sealed record PolicyEngineOptions
{
    public PolicyBudgetOptions Budget { get; init; } = PolicyBudgetOptions.Default;

    /// <summary>Where compiled policies are kept between runs; null compiles every time.</summary>
    public PolicyCache? Cache { get; init; }

    /// <summary>The date waivers and date rules are judged on.</summary>
    public DateOnly Today { get; init; } = DateOnly.FromDateTime(DateTime.UtcNow);

    public int MaxParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>In a pull request, the change under review, which policies see as <c>Change</c>; null otherwise.</summary>
    public ChangeUnderReview? Change { get; init; }

    /// <summary>
    /// In a pull request, the base revision: its waivers apply (a change cannot waive itself), and validation
    /// findings already present there are existing debt. Null outside a pull request.
    /// </summary>
    public MeshLoadResult? Base { get; init; }
}
