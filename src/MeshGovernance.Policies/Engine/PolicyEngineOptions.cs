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

    /// <summary>
    /// The worker process that compiles and runs the policies, so that no policy can crash, hang or read the
    /// secrets of the process that reports; null runs them in this process (tests and library use).
    /// </summary>
    public Isolation.PolicyWorkerPool? Worker { get; init; }

    public int MaxParallelism { get; init; } = Environment.ProcessorCount;
}
