using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Policies.Execution;
using MeshGovernance.Policies.Scripting;

namespace MeshGovernance.Policies.Isolation;

/// <summary>One thing a worker said, or its exit.</summary>
internal sealed record WorkerEvent(WorkerMessage? Kind, int Request)
{
    public WorkerCompilation? Compilation { get; init; }

    public ScriptFinding? Finding { get; init; }

    public WorkerFinish? Finish { get; init; }

    /// <summary>In the answer to a setup that asked for it: what linking the mesh found.</summary>
    public LinkedInWorker? Linked { get; init; }

    public static WorkerEvent Exited() => new(null, 0);

    public static WorkerEvent Read(WorkerMessage kind, BinaryReader reader)
    {
        var request = reader.ReadInt32();
        return kind switch
        {
            WorkerMessage.Ready => new WorkerEvent(kind, request) { Linked = reader.ReadBoolean() ? LinkedInWorker.Read(reader) : null },
            WorkerMessage.Compiled => new WorkerEvent(kind, request) { Compilation = WorkerCompilation.Read(reader) },
            WorkerMessage.Finding => new WorkerEvent(kind, request) { Finding = ReadFinding(reader) },
            WorkerMessage.Finished => new WorkerEvent(kind, request) { Finish = WorkerFinish.Read(reader) },
            _ => throw new InvalidDataException($"An unknown message ({(byte)kind}) from the worker."),
        };
    }

    private static ScriptFinding ReadFinding(BinaryReader reader)
    {
        var kind = (FindingKind)reader.ReadByte();
        return Enum.IsDefined(kind)
            ? new ScriptFinding(kind, reader.ReadSpan(), reader.ReadOptional(), reader.ReadString())
            : throw new InvalidDataException("An unknown finding kind from the worker.");
    }
}

/// <summary>A policy compiled (or loaded from the cache), or the diagnostics that keep it from running.</summary>
internal sealed record WorkerCompilation(bool Runs, bool FromCache, bool CompilerLoaded, TimeSpan Duration, IReadOnlyList<Diagnostic> Diagnostics)
{
    public static WorkerCompilation Read(BinaryReader reader)
    {
        var runs = reader.ReadBoolean();
        var fromCache = reader.ReadBoolean();
        var compilerLoaded = reader.ReadBoolean();
        var duration = TimeSpan.FromTicks(reader.ReadInt64());
        var diagnostics = Enumerable.Range(0, reader.ReadCount()).Select(_ => reader.ReadDiagnostic()).ToList();
        return new WorkerCompilation(runs, fromCache, compilerLoaded, duration, diagnostics);
    }
}

/// <summary>How a run ended: no stop (the findings stand), or why it was stopped.</summary>
internal sealed record WorkerFinish(PolicyStop? Stop, TimeSpan Duration, int FindingsNotKept)
{
    public static WorkerFinish Read(BinaryReader reader)
    {
        var reason = reader.ReadByte();
        var detail = reader.ReadString();
        var duration = TimeSpan.FromTicks(reader.ReadInt64());
        var notKept = reader.ReadInt32();
        PolicyStop? stop = reason == byte.MaxValue ? null
            : Enum.IsDefined((PolicyStopReason)reason) ? new PolicyStop((PolicyStopReason)reason, detail)
            : throw new InvalidDataException("An unknown stop reason from the worker.");
        return new WorkerFinish(stop, duration, notKept);
    }
}
