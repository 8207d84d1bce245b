using System.Runtime.InteropServices;

namespace MeshGovernance.Policies.Isolation;

/// <summary>
/// The operating-system limits a worker puts on itself before it reads a policy, and which no policy can lift:
/// no core dump when a policy crashes it (a dump of a large mesh is slow and fills the disk), and a CPU-time
/// limit past which the kernel ends the process whatever it is doing. Memory is bounded by the runtime's heap
/// hard limit, which the parent sets in the worker's environment; the wall clock by the parent.
/// </summary>
internal static partial class WorkerLimits
{
    /// <summary>CPU seconds a worker may use in all; it lives for one meshgov command, so this is a backstop far past any budget.</summary>
    public const int CpuSeconds = 3600;

    // The same numbers on Linux and macOS.
    private const int ResourceCpu = 0;
    private const int ResourceCore = 4;

    public static void ApplyToThisProcess()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        Set(ResourceCore, 0);
        Set(ResourceCpu, CpuSeconds);
    }

    private static void Set(int resource, ulong value)
    {
        var limit = new ResourceLimit { Current = value, Maximum = value };
        if (SetResourceLimit(resource, ref limit) != 0)
        {
            // Lowering a limit cannot fail for want of privilege; should it fail anyway, the parent's own limits
            // (the heap limit and the wall clock) still hold, so the worker goes on.
            _ = Marshal.GetLastPInvokeError();
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct ResourceLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [LibraryImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static partial int SetResourceLimit(int resource, ref ResourceLimit limit);
}
