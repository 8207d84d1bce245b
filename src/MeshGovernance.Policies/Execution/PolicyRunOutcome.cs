using MeshGovernance.Policies.Scripting;

namespace MeshGovernance.Policies.Execution;

/// <summary>What one evaluation of a policy produced: its findings, or why it was stopped.</summary>
internal sealed record PolicyRunOutcome(IReadOnlyList<ScriptFinding> Findings, PolicyStop? Stop, TimeSpan Duration, int FindingsNotKept = 0);

/// <summary>Why a policy did not finish: a budget, an exception, or a policy that would not stop at all.</summary>
internal sealed record PolicyStop(PolicyStopReason Reason, string Detail);

internal enum PolicyStopReason
{
    Timeout,
    Stack,
    Memory,
    Exception,

    /// <summary>Did not reach a budget check within the grace period (stuck inside library code); left running in the background.</summary>
    Abandoned,
}
