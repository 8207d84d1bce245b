using System.Diagnostics;
using MeshGovernance.Policies.Compilation;
using MeshGovernance.Policies.Scripting;

namespace MeshGovernance.Policies.Execution;

/// <summary>
/// Runs one compiled policy on a thread of its own, within its budget. The woven-in checks stop loops,
/// recursion and allocation; a watchdog asks the policy to stop at its timeout and, should it be stuck in
/// library code that never reaches a check, abandons its thread (a background thread, which cannot keep the
/// process alive) so the run still finishes and reports everything else.
/// </summary>
internal static class PolicyRunner
{
    private const int StackBytes = 16 * 1024 * 1024;

    public static PolicyRunOutcome Run(PolicyEntryPoint entry, PolicyGlobals globals, PolicyBudgetOptions budget)
    {
        var started = Stopwatch.GetTimestamp();
        BudgetState? state = null;
        PolicyStop? stop = null;
        var thread = new Thread(
            () =>
            {
                state = new BudgetState(budget.Timeout, budget.MaxAllocatedBytes);
                PolicyBudget.Enter(state);
                try
                {
                    entry([globals, null!]).GetAwaiter().GetResult();
                }
                catch (PolicyBudgetExceededException ex)
                {
                    stop = Budget(ex.Reason, budget);
                }
                catch (Exception ex) when (state.Stopped is { } reason)
                {
                    // The stop was wrapped or replaced by the policy's own code (a finally, a rethrow).
                    _ = ex;
                    stop = Budget(reason, budget);
                }
                catch (InsufficientExecutionStackException)
                {
                    stop = Budget(BudgetExceeded.Stack, budget);
                }
                catch (OutOfMemoryException)
                {
                    stop = Budget(BudgetExceeded.Memory, budget);
                }
                catch (Exception ex)
                {
                    stop = new PolicyStop(PolicyStopReason.Exception, Describe(ex));
                }
                finally
                {
                    PolicyBudget.Leave();
                }
            },
            StackBytes)
        {
            IsBackground = true,
            Name = "meshgov policy",
        };
        thread.Start();

        if (!thread.Join(budget.Timeout))
        {
            state?.RequestStop();
            if (!thread.Join(budget.Grace))
            {
                return new PolicyRunOutcome([], new PolicyStop(
                    PolicyStopReason.Abandoned,
                    $"The policy ran past its {Seconds(budget.Timeout)} time budget inside library code that cannot be interrupted, and was abandoned."),
                    Stopwatch.GetElapsedTime(started));
            }
        }

        return new PolicyRunOutcome(stop is null ? globals.Findings : [], stop, Stopwatch.GetElapsedTime(started));
    }

    private static PolicyStop Budget(BudgetExceeded reason, PolicyBudgetOptions budget) => reason switch
    {
        BudgetExceeded.Time => new PolicyStop(PolicyStopReason.Timeout, $"The policy ran longer than its {Seconds(budget.Timeout)} time budget and was stopped."),
        BudgetExceeded.Stack => new PolicyStop(PolicyStopReason.Stack, "The policy's calls nested too deep (endless recursion?) and it was stopped before the stack overflowed."),
        _ => new PolicyStop(PolicyStopReason.Memory, $"The policy allocated more than its {budget.MaxAllocatedBytes / (1024 * 1024)} MiB memory budget and was stopped."),
    };

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " s";

    private static string Describe(Exception ex)
    {
        var inner = ex is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : ex;
        return $"The policy failed with {inner.GetType().Name}: {inner.Message}";
    }
}
