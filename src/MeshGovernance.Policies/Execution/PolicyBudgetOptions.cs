namespace MeshGovernance.Policies.Execution;

/// <summary>How long a policy may run and how much it may allocate before it is stopped.</summary>
public sealed record PolicyBudgetOptions(TimeSpan Timeout, long MaxAllocatedBytes)
{
    public static PolicyBudgetOptions Default { get; } = new(TimeSpan.FromSeconds(5), 1L << 30);

    /// <summary>How long after its timeout a policy that does not reach a check is given before it is abandoned.</summary>
    public TimeSpan Grace { get; init; } = TimeSpan.FromSeconds(2);
}
