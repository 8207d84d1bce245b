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
        var run = new ThreadRun(entry, globals, budget);
        var thread = new Thread(run.Execute, StackBytes)
        {
            IsBackground = true,
            Name = "meshgov policy",
        };
        thread.Start();

        if (!thread.Join(budget.Timeout))
        {
            run.State?.RequestStop();
            if (!thread.Join(budget.Grace))
            {
                return new PolicyRunOutcome([], new PolicyStop(
                    PolicyStopReason.Abandoned,
                    $"The policy ran past its {Seconds(budget.Timeout)} time budget inside library code that cannot be interrupted, and was abandoned."),
                    Stopwatch.GetElapsedTime(started));
            }
        }

        return new PolicyRunOutcome(run.Stop is null ? globals.Findings : [], run.Stop, Stopwatch.GetElapsedTime(started), run.Stop is null ? globals.FindingsNotKept : 0);
    }

    /// <summary>One evaluation on the policy's own thread; nothing the policy throws may leave it.</summary>
    private sealed class ThreadRun(PolicyEntryPoint entry, PolicyGlobals globals, PolicyBudgetOptions budget)
    {
        public BudgetState? State { get; private set; }

        public PolicyStop? Stop { get; private set; }

        public void Execute()
        {
            try
            {
                // Every policy starts on the invariant culture, whatever the process's default: one policy's
                // results must not depend on the machine, or on what another policy did.
                System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
                System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.InvariantCulture;
                State = new BudgetState(budget.Timeout, budget.MaxAllocatedBytes);
                PolicyBudget.Enter(State);
                Stop = Evaluate(State);
            }
            catch (Exception ex)
            {
                // Thrown by the policy's own code while a stop was being described (an exception's Message).
                Stop ??= new PolicyStop(PolicyStopReason.Exception, $"The policy failed with {ex.GetType().Name} while it was being stopped.");
            }
            finally
            {
                PolicyBudget.Leave();
            }
        }

        private PolicyStop? Evaluate(BudgetState state)
        {
            try
            {
                entry([globals, null!]).GetAwaiter().GetResult();
                return null;
            }
            catch (PolicyBudgetExceededException ex)
            {
                return Budget(ex.Reason, budget);
            }
            catch (Exception) when (state.Stopped is { } reason)
            {
                // The stop was wrapped or replaced by the policy's own code (a finally, a rethrow).
                return Budget(reason, budget);
            }
            catch (InsufficientExecutionStackException)
            {
                return Budget(BudgetExceeded.Stack, budget);
            }
            catch (OutOfMemoryException)
            {
                return Budget(BudgetExceeded.Memory, budget);
            }
            catch (Exception ex)
            {
                return new PolicyStop(PolicyStopReason.Exception, Describe(ex));
            }
        }
    }

    private static PolicyStop Budget(BudgetExceeded reason, PolicyBudgetOptions budget) => reason switch
    {
        BudgetExceeded.Time => new PolicyStop(PolicyStopReason.Timeout, $"The policy ran longer than its {Seconds(budget.Timeout)} time budget and was stopped."),
        BudgetExceeded.Stack => new PolicyStop(PolicyStopReason.Stack, "The policy's calls nested too deep (endless recursion?) and it was stopped before the stack overflowed."),
        _ => new PolicyStop(PolicyStopReason.Memory, $"The policy allocated more than its {budget.MaxAllocatedBytes / (1024 * 1024)} MiB memory budget and was stopped."),
    };

    /// <summary>A duration as the messages about budgets write it: "5 s", "1.5 s".</summary>
    internal static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " s";

    /// <summary>
    /// The exception's type and message. The message is the policy's own code when it defines the exception
    /// type, so reading it may throw or run out of budget too: then the type name has to do.
    /// </summary>
    private static string Describe(Exception ex)
    {
        var inner = ex is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : ex;
        var type = inner.GetType().Name;
        try
        {
            return $"The policy failed with {type}: {inner.Message}";
        }
        catch (Exception)
        {
            return $"The policy failed with {type} (its message could not be read).";
        }
    }
}
