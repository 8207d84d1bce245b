using System.Diagnostics;
using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Graph;
using MeshGovernance.Model.Loading;
using MeshGovernance.Contracts;
using MeshGovernance.Policies.Compilation;
using MeshGovernance.Policies.Execution;
using MeshGovernance.Policies.Scripting;

namespace MeshGovernance.Policies.Isolation;

/// <summary>
/// The worker process's side: reads a mesh and policy runs from standard input, compiles and runs each policy
/// on a thread of its own, and streams the results to standard output. Whatever a policy does to this process
/// (overflow its stack, exhaust its memory, hang in library code) ends here: the parent reports that policy and
/// carries on in a fresh worker. Nothing but the protocol may be written to standard output.
/// </summary>
public static class PolicyWorker
{
    /// <summary>The hidden subcommand of meshgov that runs a worker.</summary>
    public const string Command = "__policy-worker";

    /// <summary>Stack of the thread that compiles a policy: Roslyn's binder recurses on nested syntax.</summary>
    private const int CompileStackBytes = 64 * 1024 * 1024;

    /// <param name="precompiled">The built-in pack compiled into meshgov, as the parent's policy cache has it.</param>
    public static int Serve(Stream input, Stream output, PrecompiledPolicies? precompiled = null)
    {
        WorkerLimits.ApplyToThisProcess();
        using var reader = new BinaryReader(new BufferedStream(input, 1 << 16), LoadedFilesFormat.Encoding);
        // Not disposed on a protocol error (return 3): runs still in flight may write; the process ends anyway.
        var writer = new WorkerOutput(output);
        var runs = new List<Thread>();
        var streamed = new Dictionary<int, Task<LoadedFile>>();
        WorkerSession? session = null;
        while (true)
        {
            int kind;
            try
            {
                kind = reader.BaseStream.ReadByte();
            }
            catch (IOException)
            {
                break;
            }

            if (kind < 0)
            {
                break;
            }

            switch ((WorkerMessage)kind)
            {
                case WorkerMessage.Setup:
                    runs.ForEach(t => t.Join());
                    runs.Clear();
                    try
                    {
                        session = WorkerSession.Read(reader, streamed);
                    }
                    catch (InvalidDataException ex)
                    {
                        // Not what meshgov sends: the parent reports a worker that ended before it read the mesh.
                        Console.Error.WriteLine("meshgov worker: " + ex.Message);
                        return 3;
                    }

                    streamed.Clear();
                    session.Provider = PolicyAssemblyProvider.SharedFor(session.Options.CacheDirectory is { } directory ? new PolicyCache(directory, precompiled) : null);
                    var linked = session.Linked;
                    writer.Send(WorkerMessage.Ready, 0, w =>
                    {
                        w.Write(linked is not null);
                        linked?.Write(w);
                    });
                    break;
                case WorkerMessage.LoadAhead:
                    var cacheDirectory = reader.ReadOptional();
                    var keysHold = reader.ReadString() == PolicyCache.EngineFingerprint;
                    var sources = Enumerable.Range(0, reader.ReadCount()).Select(_ => (Source: reader.ReadSource(), Key: reader.ReadOptional())).ToList();
                    var provider = PolicyAssemblyProvider.SharedFor(cacheDirectory is null ? null : new PolicyCache(cacheDirectory, precompiled));
                    // Beside the reading of the messages: whatever holds it up (a file system that hangs) holds up
                    // no setup and no run, which loads its policy itself if this has not. A policy with no build warms
                    // the compiler up (with meshgov's own script) while the mesh is still being read.
                    new Thread(() =>
                    {
                        var toCompile = sources.Count(s => !provider.ReadAhead(s.Source, keysHold ? s.Key : null));
                        if (toCompile > 0)
                        {
                            PolicyAssemblyProvider.WarmUpCompiler();
                        }
                    })
                    { IsBackground = true, Name = "meshgov worker read ahead" }.Start();
                    break;
                case WorkerMessage.SetupFile:
                    var index = reader.Read7BitEncodedInt();
                    var record = LoadedFilesFormat.ReadFile(reader);
                    // Decoded on the thread pool while the next files arrive; the setup waits for them all.
                    if (index < 0 || !streamed.TryAdd(index, Task.Run(() => LoadedFilesFormat.Parse(record))))
                    {
                        return 3;
                    }

                    break;
                case WorkerMessage.Run when session is not null:
                    var request = reader.ReadInt32();
                    var policyId = reader.ReadString();
                    var source = reader.ReadSource();
                    var parameters = reader.ReadParameters();
                    var handedKey = reader.ReadOptional();
                    var current = session;
                    var key = current.Options.KeysHold ? handedKey : null;
                    var thread = new Thread(() => Execute(current, request, policyId, source, key, parameters, writer), CompileStackBytes)
                    {
                        IsBackground = true,
                        Name = "meshgov worker run",
                    };
                    thread.Start();
                    runs.Add(thread);
                    break;
                default:
                    return 3;
            }
        }

        runs.ForEach(t => t.Join());
        writer.Dispose();
        return 0;
    }

    private static void Execute(WorkerSession session, int request, string policyId, Metadata.PolicySource source, string? key, Dictionary<string, object> parameters, WorkerOutput writer)
    {
        var started = Stopwatch.GetTimestamp();
        CompiledPolicy compiled;
        try
        {
            compiled = session.Provider!.Get(source, policyId, key);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
        {
            // Reading the files the policy loads failed (a file removed or locked meanwhile): the policy's problem, not the worker's.
            compiled = new CompiledPolicy(null, [DiagnosticCatalog.PolicyCompileError.Create(
                SourceSpan.StartOf(source.Path), $"The policy could not be read and compiled: {ex.Message}", policyId)], FromCache: false);
        }

        var compileTime = Stopwatch.GetElapsedTime(started);
        var compilerLoaded = PolicyAssemblyProvider.CompilerLoaded;
        writer.Send(WorkerMessage.Compiled, request, w =>
        {
            w.Write(compiled.Entry is not null);
            w.Write(compiled.FromCache);
            w.Write(compilerLoaded);
            w.Write(compileTime.Ticks);
            w.Write7BitEncodedInt(compiled.Diagnostics.Count);
            foreach (var diagnostic in compiled.Diagnostics)
            {
                w.Write(diagnostic);
            }
        });
        if (compiled.Entry is null)
        {
            return;
        }

        var globals = new PolicyGlobals(session.Mesh, new PolicyParameters(parameters), session.Options.Today, session.Change);
        var outcome = PolicyRunner.Run(compiled.Entry, globals, session.Options.Budget);
        writer.SendFindings(request, outcome);
    }

    /// <summary>One mesh and its options, as the parent's last <see cref="WorkerMessage.Setup"/> gave them.</summary>
    private sealed class WorkerSession(Mesh mesh, ChangeUnderReview? change, WorkerRunOptions options, LinkedInWorker? linked)
    {
        public Mesh Mesh { get; } = mesh;

        /// <summary>What linking found, for a parent that left the linking to this worker (<see cref="WorkerRunOptions.Link"/>).</summary>
        public LinkedInWorker? Linked { get; } = linked;

        public ChangeUnderReview? Change { get; } = change;

        public WorkerRunOptions Options { get; } = options;

        public PolicyAssemblyProvider? Provider { get; set; }

        /// <param name="streamed">The files that came before the setup (<see cref="WorkerMessage.SetupFile"/>), by their place in the mesh, being decoded.</param>
        public static WorkerSession Read(BinaryReader reader, Dictionary<int, Task<LoadedFile>> streamed)
        {
            var options = WorkerRunOptions.Read(reader);
            if (options.StreamedFiles < 0)
            {
                // Files streamed and not taken are not held while the setup's own are decoded.
                streamed.Clear();
            }

            var files = options.StreamedFiles >= 0 ? Streamed(streamed, options.StreamedFiles) : LoadedFilesFormat.Read(reader);
            Mesh head;
            LinkedInWorker? linked = null;
            if (options.Link)
            {
                (head, var references) = MeshLoader.Link(files);
                linked = new LinkedInWorker(references, MeshSubjects.Of(head));
            }
            else
            {
                head = MeshLoader.BuildGraph(files);
            }

            ChangeUnderReview? change = null;
            if (reader.ReadBoolean())
            {
                var baseMesh = MeshLoader.BuildGraph(LoadedFilesFormat.Read(reader));
                var changed = Enumerable.Range(0, reader.ReadCount()).Select(_ => reader.ReadChangedFile()).ToList();
                change = new ChangeUnderReview(baseMesh, head, changed, reader.ReadOptional());
            }

            return new WorkerSession(head, change, options, linked);
        }

        private static List<LoadedFile> Streamed(IReadOnlyDictionary<int, Task<LoadedFile>> streamed, int count)
        {
            if (streamed.Count != count)
            {
                throw new InvalidDataException($"The setup counts {count} files streamed; {streamed.Count} came.");
            }

            var files = new List<LoadedFile>(count);
            for (var i = 0; i < count; i++)
            {
                if (!streamed.TryGetValue(i, out var file))
                {
                    throw new InvalidDataException($"File {i} of the {count} streamed is missing.");
                }

                // A damaged tree fails as it would have in the setup itself.
                files.Add(file.GetAwaiter().GetResult());
            }

            return files;
        }
    }

    /// <summary>Standard output, one whole message (or one policy's findings) at a time.</summary>
    private sealed class WorkerOutput(Stream output) : IDisposable
    {
        private readonly BinaryWriter _writer = new(new BufferedStream(output, 1 << 16), LoadedFilesFormat.Encoding);
        private readonly Lock _lock = new();

        public void Send(WorkerMessage kind, int request, Action<BinaryWriter> payload)
        {
            lock (_lock)
            {
                _writer.Write((byte)kind);
                _writer.Write(request);
                payload(_writer);
                _writer.Flush();
            }
        }

        public void SendFindings(int request, PolicyRunOutcome outcome)
        {
            lock (_lock)
            {
                foreach (var finding in outcome.Findings)
                {
                    _writer.Write((byte)WorkerMessage.Finding);
                    _writer.Write(request);
                    _writer.Write((byte)finding.Kind);
                    _writer.Write(finding.Span);
                    _writer.WriteOptional(finding.Subject);
                    _writer.Write(finding.Message);
                }

                _writer.Write((byte)WorkerMessage.Finished);
                _writer.Write(request);
                _writer.Write(outcome.Stop is { } stop ? (byte)stop.Reason : byte.MaxValue);
                _writer.Write(outcome.Stop?.Detail ?? string.Empty);
                _writer.Write(outcome.Duration.Ticks);
                _writer.Write(outcome.FindingsNotKept);
                _writer.Flush();
            }
        }

        public void Dispose()
        {
            lock (_lock)
            {
                _writer.Dispose();
            }
        }
    }
}

/// <summary>The per-check options a worker runs policies with.</summary>
/// <param name="Link">Check the mesh's references and send them, with its subjects, in the answer to the setup (<see cref="LinkedInWorker"/>).</param>
/// <param name="StreamedFiles">How many files of the mesh came before the setup (<see cref="WorkerMessage.SetupFile"/>), which the setup then does not carry; -1 when it does.</param>
/// <param name="EngineFingerprint">The build of meshgov that worked out the cache keys it hands the worker (<see cref="PolicyCache.EngineFingerprint"/>): a worker of another build (meshgov replaced on disk meanwhile) works its keys out itself.</param>
internal sealed record WorkerRunOptions(DateOnly Today, PolicyBudgetOptions Budget, string? CacheDirectory, string EngineFingerprint, bool Link = false, int StreamedFiles = -1)
{
    public void Write(BinaryWriter writer)
    {
        writer.Write(Link);
        writer.Write(StreamedFiles);
        writer.Write(Today.DayNumber);
        writer.Write(Budget.Timeout.Ticks);
        writer.Write(Budget.MaxAllocatedBytes);
        writer.Write(Budget.Grace.Ticks);
        writer.WriteOptional(CacheDirectory);
        writer.Write(EngineFingerprint);
    }

    /// <summary>Whether the keys the parent hands this worker are keys of this build's policies.</summary>
    public bool KeysHold => EngineFingerprint == PolicyCache.EngineFingerprint;

    public static WorkerRunOptions Read(BinaryReader reader)
    {
        var link = reader.ReadBoolean();
        var streamed = reader.ReadInt32();
        var today = DateOnly.FromDayNumber(reader.ReadInt32());
        var budget = new PolicyBudgetOptions(TimeSpan.FromTicks(reader.ReadInt64()), reader.ReadInt64()) { Grace = TimeSpan.FromTicks(reader.ReadInt64()) };
        return new WorkerRunOptions(today, budget, reader.ReadOptional(), reader.ReadString(), link, streamed);
    }
}
