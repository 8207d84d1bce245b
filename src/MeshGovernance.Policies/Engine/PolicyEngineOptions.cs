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
}
