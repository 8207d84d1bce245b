namespace MeshGovernance.Policies.Isolation;

/// <summary>
/// The kinds of message on the worker's pipes. Each message is its kind (one byte) and a payload written with
/// <see cref="BinaryWriter"/>; messages about one policy run carry the request number the parent gave it.
/// </summary>
internal enum WorkerMessage : byte
{
    /// <summary>Parent to worker: the mesh (and the change) the next runs see, the date, the budget, the cache.</summary>
    Setup = 1,

    /// <summary>Parent to worker: compile (or load from the cache) and run one policy.</summary>
    Run = 2,

    /// <summary>
    /// Parent to worker, before the setup: the policy cache, the build that worked out the keys, and the repository's
    /// policies with their cache keys, whose compiled assemblies the worker reads from the cache
    /// (<see cref="Compilation.PolicyAssemblyProvider.ReadAhead"/>) while the parent still reads the mesh.
    /// </summary>
    LoadAhead = 3,

    /// <summary>
    /// Parent to worker, before the setup: one file of the mesh, with its place in the mesh, sent as soon as the parent
    /// has read it, so that the worker decodes the trees while the parent still reads files (<see cref="WorkerSetupStream"/>).
    /// </summary>
    SetupFile = 4,

    /// <summary>Worker to parent: the setup was read; a crash after it is a policy's, not the worker's.</summary>
    Ready = 10,

    /// <summary>Worker to parent: the policy compiled, or the diagnostics that keep it from running.</summary>
    Compiled = 11,

    /// <summary>Worker to parent: one finding of a policy that is running.</summary>
    Finding = 12,

    /// <summary>Worker to parent: the policy finished, or why it was stopped.</summary>
    Finished = 13,
}
