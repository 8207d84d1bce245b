using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace MeshGovernance.Policies.Scripting;

/// <summary>
/// The checks the engine weaves into every loop, method, lambda and catch of a policy before compiling it
/// (cancellation tokens cannot stop running code). Calling them from a policy does nothing more.
/// </summary>
public static class PolicyBudget
{
    [ThreadStatic]
    private static BudgetState? t_state;

    /// <summary>
    /// Stops the policy when its time or memory budget is spent, or its calls nest too deep. Policy code runs
    /// only on its policy's thread: reached from any other (a callback the host or the runtime calls later, on
    /// its own thread), it would run without a budget, so it is refused there.
    /// </summary>
    public static void Tick()
    {
        var state = t_state ?? throw new PolicyCodeOutsideItsRunException();

        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            state.Stop(BudgetExceeded.Stack);
        }

        if ((++state.Ticks & 0xFF) == 0 || state.StopRequested)
        {
            state.Check();
        }
    }

    /// <summary>Evaluates a field or property initializer after a check: initializers run before any constructor body.</summary>
    public static T Guard<T>(Func<T> value)
    {
        Tick();
        return value();
    }

    /// <summary>False once the policy is being stopped, so a catch in the policy cannot swallow the stop.</summary>
    public static bool MayCatch() => t_state is not { Stopped: not null };

    internal static void Enter(BudgetState state) => t_state = state;

    internal static void Leave() => t_state = null;
}

/// <summary>Policy code called on a thread that runs no policy, where no budget could stop it.</summary>
public sealed class PolicyCodeOutsideItsRunException()
    : InvalidOperationException("Policy code ran outside its policy's run (on another thread, or after the run ended), where no budget can stop it; it is refused.");

internal enum BudgetExceeded
{
    Time,
    Stack,
    Memory,
}

/// <summary>The budget of one policy evaluation, on the thread that runs it.</summary>
internal sealed class BudgetState(TimeSpan time, long allocatedBytes)
{
    private readonly long _startTimestamp = Stopwatch.GetTimestamp();
    private readonly long _startAllocated = GC.GetAllocatedBytesForCurrentThread();
    private volatile bool _stopRequested;

    public long Ticks { get; set; }

    public BudgetExceeded? Stopped { get; private set; }

    public bool StopRequested => _stopRequested;

    /// <summary>Asks the policy to stop at its next check (from the watchdog, on another thread).</summary>
    public void RequestStop() => _stopRequested = true;

    public void Check()
    {
        if (_stopRequested || Stopwatch.GetElapsedTime(_startTimestamp) > time)
        {
            Stop(BudgetExceeded.Time);
        }

        if (GC.GetAllocatedBytesForCurrentThread() - _startAllocated > allocatedBytes)
        {
            Stop(BudgetExceeded.Memory);
        }
    }

    public void Stop(BudgetExceeded reason)
    {
        Stopped ??= reason;
        throw new PolicyBudgetExceededException(Stopped.Value);
    }
}

internal sealed class PolicyBudgetExceededException(BudgetExceeded reason) : Exception($"The policy exceeded its {reason} budget.")
{
    public BudgetExceeded Reason { get; } = reason;
}
