using System.Diagnostics;
using MeshGovernance.Model.Loading;
using MeshGovernance.Policies.Compilation;
using MeshGovernance.Policies.Engine;
using MeshGovernance.Policies.Execution;
using MeshGovernance.Policies.Scripting;

namespace MeshGovernance.Policies.Isolation;

/// <summary>
/// Runs policies in a worker process (meshgov itself, <see cref="PolicyWorker.Command"/>), several at a time.
/// A worker that dies (stack overflow, heap limit, killed at its wall clock or its CPU limit) costs the policy it
/// was running: when it was running one, that policy is reported; when it was running several, each of them runs
/// again alone in a fresh worker, so the one that kills it is found and every other one still reports. One worker
/// serves every check of a command (policy tests, the site's trend), and is started before the mesh's files are read.
/// </summary>
public sealed class PolicyWorkerPool : IDisposable
{
    /// <summary>How long compiling one policy may take before its worker is ended (MG1311).</summary>
    public static readonly TimeSpan DefaultCompileTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Past the budget's timeout and grace, what the parent allows a worker to report a stopped policy.</summary>
    private static readonly TimeSpan ReportingMargin = TimeSpan.FromSeconds(3);

    private readonly WorkerLaunch _launch;
    private readonly IReadOnlyDictionary<string, string?> _environment;
    private readonly long _heapLimitBytes;
    private WorkerProcess? _worker;
    private bool _ready;
    private string? _startFailure;
    private bool _serverGc;

    /// <summary>The files of the mesh being read, on their way to the running worker (<see cref="StreamAhead"/>).</summary>
    private WorkerSetupStream? _stream;

    /// <param name="environment">The parent's environment, of which the worker keeps only what <see cref="WorkerEnvironment"/> allows.</param>
    public PolicyWorkerPool(WorkerLaunch launch, IReadOnlyDictionary<string, string?> environment, long heapLimitBytes = 4L << 30)
    {
        _launch = launch;
        _environment = environment;
        _heapLimitBytes = heapLimitBytes;
    }

    public TimeSpan CompileTimeout { get; init; } = DefaultCompileTimeout;

    /// <summary>Setups that found the check's files already in the worker, streamed while the mesh was read (<see cref="StreamAhead"/>).</summary>
    public int StreamedSetups { get; private set; }

    /// <summary>Workers started so far (a crash starts a fresh one).</summary>
    public int WorkersStarted { get; private set; }

    /// <summary>The running worker's process id, or null when none runs.</summary>
    public int? WorkerProcessId => _worker?.Id;

    /// <summary>Starts a worker now, so that the runtime's start-up overlaps the parent's loading of the mesh.</summary>
    /// <param name="serverGc">
    /// The worker will link a large mesh and run every policy (<see cref="PolicyEngine.LinksInWorker"/>): it collects garbage
    /// as meshgov does (<see cref="WorkerEnvironment.For"/>). Only the first worker; one started after a crash does not.
    /// </param>
    public void StartEarly(bool serverGc = false)
    {
        if (_worker is null && WorkersStarted == 0)
        {
            _serverGc = serverGc;
        }

        EnsureStarted();
    }

    /// <summary>
    /// Opens a stream to the worker already started (<see cref="StartEarly"/>), written by a thread of its own
    /// (<see cref="WorkerSetupStream"/>). First the repository's policy scripts with their cache keys, so that the worker
    /// reads the compiled assemblies its cache holds while this process reads the mesh (on a warm check of the example
    /// mesh that was most of the worker's share of the wall time); the keys are worked out here, which has started
    /// OpenSSL for the file cache's hashes anyway, not in the worker (on the example mesh that was 50 ms of the worker's
    /// CPU, on a machine whose two cores meshgov keeps busy). Then each file passed
    /// to <see cref="StreamFile"/>, as soon as it is read; the check's setup does not carry them again if the worker
    /// holds exactly the files the check loaded. Does nothing when no worker runs.
    /// </summary>
    public void StreamAhead(IReadOnlyList<PolicyScriptFile> scripts, PolicyCache? cache)
    {
        if (_stream is not null)
        {
            // That worker holds files of a stream no setup took: a fresh one gets this stream.
            Discard(kill: true);
            EnsureStarted();
        }

        if (_worker is not { } worker)
        {
            return;
        }

        _stream = new WorkerSetupStream(worker, first: () =>
        {
            if (cache is null || scripts.Count == 0)
            {
                return;
            }

            var sources = PolicySet.ReadScripts(scripts, out _);
            var keys = sources.Select(PolicyAssemblyProvider.KeyOrNull).ToList();
            worker.Send(WorkerMessage.LoadAhead, w =>
            {
                w.WriteOptional(cache.Directory);
                w.Write(PolicyCache.EngineFingerprint);
                w.Write7BitEncodedInt(sources.Count);
                for (var i = 0; i < sources.Count; i++)
                {
                    w.Write(sources[i]);
                    w.WriteOptional(keys[i]);
                }
            });
        });
    }

    /// <summary>One file of the mesh, at <paramref name="index"/> among the files loaded: <c>MeshLoader.Load</c>'s <c>fileRead</c>, on any thread.</summary>
    public void StreamFile(int index, LoadedFile file) => _stream?.Add(index, file);

    public void Dispose()
    {
        DropStream();
        _worker?.Dispose();
        _worker = null;
    }

    /// <param name="link">The parent has not linked the mesh: the worker checks its references and sends them with its subjects (<see cref="PolicyEvaluations.Linked"/>).</param>
    internal PolicyEvaluations Evaluate(IReadOnlyList<PolicyDefinition> policies, MeshLoadResult load, PullRequestInput? pullRequest, PolicyEngineOptions options, ReportFindingBudget reportBudget, bool link = false)
    {
        var run = new WorkerRun(this, policies, load, pullRequest, options, reportBudget, link);
        return run.Execute();
    }

    private WorkerProcess? EnsureStarted()
    {
        if (_worker is null && _startFailure is null)
        {
            // A fresh worker after a crash runs the suspect policies alone and links nothing: workstation GC, under which
            // a deep recursion stops quickly on a busy machine.
            _worker = WorkerProcess.Start(_launch, _environment, _heapLimitBytes, _serverGc && WorkersStarted == 0, out _startFailure);
            _ready = false;
            WorkersStarted += _worker is null ? 0 : 1;
        }

        return _worker;
    }

    /// <summary>Ends the stream, if one is open, once every file queued is written: nothing else may write to the worker before.</summary>
    private WorkerSetupStream? EndStream()
    {
        var stream = _stream;
        _stream = null;
        stream?.Complete();
        return stream;
    }

    /// <summary>
    /// Ends a stream no setup took (every policy of the repository disabled, say) and the worker it went to, which holds
    /// files no check will use: ended first, so that a sender writing to a worker that stopped reading is let go.
    /// </summary>
    private void DropStream()
    {
        if (_stream is not { } stream)
        {
            return;
        }

        _stream = null;
        _worker?.Kill();
        stream.Abandon(TimeSpan.FromSeconds(10));
    }

    private void Discard(bool kill)
    {
        DropStream();
        if (kill)
        {
            _worker?.Kill();
        }

        _worker?.Dispose();
        _worker = null;
    }

    /// <summary>One check's policies through the pool's workers.</summary>
    private sealed class WorkerRun(PolicyWorkerPool pool, IReadOnlyList<PolicyDefinition> policies, MeshLoadResult load, PullRequestInput? pullRequest, PolicyEngineOptions options, ReportFindingBudget reportBudget, bool link)
    {
        /// <summary>A worker that dies before it reads the mesh is the machine's problem, not a policy's: after this many, stop trying.</summary>
        private const int MaxFailedStarts = 2;

        private readonly Dictionary<string, PolicyEvaluation> _results = new(StringComparer.Ordinal);
        private readonly Dictionary<int, Flight> _inFlight = [];
        private readonly Queue<PolicyDefinition> _pending = new(policies);
        private readonly Queue<PolicyDefinition> _alone = new();
        private int _nextRequest;
        private int _failedStarts;
        private bool _sessionSent;
        private bool _compilerLoaded;
        private LinkedInWorker? _linked;

        /// <summary>The worker about to be set up already holds the check's files (<see cref="WorkerSetupStream"/>).</summary>
        private bool _streamed;

        public PolicyEvaluations Execute()
        {
            var watch = Stopwatch.StartNew();
            while (_results.Count < policies.Count)
            {
                var worker = Worker();
                if (worker is null)
                {
                    FailRemaining();
                    break;
                }

                Dispatch(worker);
                if (_inFlight.Count == 0)
                {
                    break;
                }

                var deadline = _inFlight.Values.Min(f => f.Deadline);
                var next = worker.Next(deadline - DateTime.UtcNow);
                if (next is null)
                {
                    if (DateTime.UtcNow >= deadline)
                    {
                        if (worker.Overflowing)
                        {
                            // Its exit, once the runtime has written the stack out, is what is reported.
                            Crashed();
                            continue;
                        }

                        Overdue();
                    }

                    continue;
                }

                Handle(next);
            }

            watch.Stop();
            var compileTime = TimeSpan.FromTicks(_results.Values.Sum(r => r.CompileTime.Ticks));
            return new PolicyEvaluations(_results, compileTime, watch.Elapsed, _compilerLoaded) { Linked = _linked };
        }

        /// <summary>A worker that has read this check's mesh, started (and set up) when needed.</summary>
        private WorkerProcess? Worker()
        {
            while (_failedStarts < MaxFailedStarts)
            {
                if (pool.EnsureStarted() is not { } worker)
                {
                    return null;
                }

                if (!_sessionSent || !pool._ready)
                {
                    _streamed = pool.EndStream()?.Holds(worker, load.Files) == true;
                    if (!worker.Send(WorkerMessage.Setup, Setup) || !AwaitReady(worker))
                    {
                        _failedStarts++;
                        pool._startFailure = _failedStarts >= MaxFailedStarts ? $"it ended before it read the mesh ({Ending(worker)})" : null;
                        pool.Discard(kill: true);
                        continue;
                    }

                    _sessionSent = true;
                    pool._ready = true;
                    pool.StreamedSetups += _streamed ? 1 : 0;
                }

                return worker;
            }

            return null;
        }

        private bool AwaitReady(WorkerProcess worker)
        {
            // Reading a large mesh takes a while; a worker that neither answers nor exits in this time is stuck.
            var next = worker.Next(TimeSpan.FromMinutes(5));
            if (next is not { Kind: WorkerMessage.Ready })
            {
                return false;
            }

            _linked ??= next.Linked;
            return true;
        }

        private void Setup(BinaryWriter writer)
        {
            // A fresh worker after a crash links again only if the first never answered.
            new WorkerRunOptions(options.Today, options.Budget, options.Cache?.Directory, PolicyCache.EngineFingerprint, Link: link && _linked is null, StreamedFiles: _streamed ? load.Files.Count : -1).Write(writer);
            if (!_streamed)
            {
                LoadedFilesFormat.Write(writer, load.Files);
            }

            writer.Write(pullRequest is not null);
            if (pullRequest is { Change: var change })
            {
                LoadedFilesFormat.Write(writer, pullRequest.MergeBase.Files);
                writer.Write7BitEncodedInt(change.Files.Count);
                foreach (var file in change.Files)
                {
                    writer.Write(file);
                }

                writer.WriteOptional(change.Author);
            }
        }

        private void Dispatch(WorkerProcess worker)
        {
            // A policy under suspicion (it was running when a worker died) runs with no other beside it.
            var limit = _alone.Count > 0 || _inFlight.Values.Any(f => f.Suspect) ? 1 : Math.Max(1, options.MaxParallelism);
            while (_inFlight.Count < limit && (_alone.Count > 0 || _pending.Count > 0))
            {
                var suspect = _alone.Count > 0;
                var policy = suspect ? _alone.Dequeue() : _pending.Dequeue();
                var request = ++_nextRequest;
                _inFlight[request] = new Flight(policy, suspect, DateTime.UtcNow + pool.CompileTimeout);
                var key = PolicyAssemblyProvider.KeyOrNull(policy.Source);
                if (!worker.Send(WorkerMessage.Run, w =>
                    {
                        w.Write(request);
                        w.Write(policy.Id);
                        w.Write(policy.Source);
                        w.Write(policy.Parameters);
                        w.WriteOptional(key);
                    }))
                {
                    // Its exit, already on the way, decides what happens to the policies it had.
                    break;
                }
            }
        }

        private void Handle(WorkerEvent next)
        {
            if (next.Kind is null)
            {
                Crashed();
                return;
            }

            if (!_inFlight.TryGetValue(next.Request, out var flight))
            {
                return;
            }

            switch (next.Kind)
            {
                case WorkerMessage.Compiled:
                    var compilation = next.Compilation!;
                    _compilerLoaded |= compilation.CompilerLoaded;
                    flight.Compilation = compilation;
                    if (!compilation.Runs)
                    {
                        Finish(next.Request, PolicyEvaluation.NotCompiled(flight.Policy, compilation.Diagnostics, compilation.FromCache, compilation.Duration));
                        break;
                    }

                    var budget = options.Budget;
                    flight.Deadline = DateTime.UtcNow + budget.Timeout + budget.Grace + ReportingMargin;
                    break;
                case WorkerMessage.Finding:
                    flight.Add(next.Finding!);
                    break;
                case WorkerMessage.Finished:
                    var finish = next.Finish!;
                    if (finish.Stop?.Reason is PolicyStopReason.Timeout or PolicyStopReason.Abandoned && pool._worker?.Overflowing == true)
                    {
                        // The worker's watchdog gave up on a thread that is taking the process down with a stack
                        // overflow (the runtime writes the whole stack out first): the overflow is what happened.
                        Crashed();
                        break;
                    }

                    var compiled = flight.Compilation!;
                    Finish(next.Request, finish.Stop is { } stop
                        ? PolicyEvaluation.Stopped(flight.Policy, stop, finish.Duration, compiled.FromCache, compiled.Duration)
                        : PolicyEvaluation.Completed(flight.Policy, flight.Findings, flight.NotKept + finish.FindingsNotKept, reportBudget, finish.Duration, compiled.FromCache, compiled.Duration));
                    if (finish.Stop?.Reason == PolicyStopReason.Abandoned)
                    {
                        // The abandoned thread still runs in that worker: the next policies get a fresh one.
                        Recycle();
                    }

                    break;
            }
        }

        private void Finish(int request, PolicyEvaluation evaluation)
        {
            _results[_inFlight[request].Policy.Id] = evaluation;
            _inFlight.Remove(request);
        }

        /// <summary>A policy past its deadline in a worker that did not stop it: the worker is ended, and the others it had run again.</summary>
        private void Overdue()
        {
            var now = DateTime.UtcNow;
            foreach (var (request, flight) in _inFlight.Where(f => f.Value.Deadline <= now).ToList())
            {
                Finish(request, flight.Compilation is null
                    ? PolicyEvaluation.CompileTimedOut(flight.Policy, pool.CompileTimeout)
                    : PolicyEvaluation.Stopped(flight.Policy, new PolicyStop(PolicyStopReason.Timeout,
                        $"The policy ran past its {PolicyRunner.Seconds(options.Budget.Timeout)} time budget and did not stop, so its worker process was ended."),
                        options.Budget.Timeout, flight.Compilation.FromCache, flight.Compilation.Duration));
            }

            RequeueInFlight();
            pool.Discard(kill: true);
        }

        /// <summary>The worker died: the policy it ran alone is reported; several are each run again alone.</summary>
        private void Crashed()
        {
            var ending = pool._worker?.Ending() ?? (0, string.Empty);
            pool.Discard(kill: false);
            if (_inFlight.Count == 1 && _inFlight.Single() is var (request, flight))
            {
                Finish(request, Blame(flight, ending.ExitCode, ending.Error));
                return;
            }

            RequeueInFlight();
        }

        private void Recycle()
        {
            RequeueInFlight();
            pool.Discard(kill: true);
        }

        private void RequeueInFlight()
        {
            foreach (var flight in _inFlight.Values.OrderBy(f => f.Policy.Id, StringComparer.Ordinal))
            {
                _alone.Enqueue(flight.Policy);
            }

            _inFlight.Clear();
        }

        private static PolicyEvaluation Blame(Flight flight, int exitCode, string error)
        {
            if (flight.Compilation is not { } compiled)
            {
                var why = error.Contains(WorkerProcess.StackOverflowMessage, StringComparison.Ordinal)
                    ? "the compiler overflowed its stack on this policy (syntax nested too deep?)"
                    : $"the compiler's process ended unexpectedly ({Describe(exitCode)})";
                return PolicyEvaluation.NotCompiled(flight.Policy, [Model.Diagnostics.DiagnosticCatalog.PolicyCompileError.Create(
                    Model.Diagnostics.SourceSpan.StartOf(flight.Policy.Source.Path),
                    $"Policy '{flight.Policy.Id}' could not be compiled: {why}. Its findings are missing; the other policies ran. Simplify the policy's nesting.",
                    flight.Policy.Id)], fromCache: false, TimeSpan.Zero);
            }

            var stop = error.Contains(WorkerProcess.StackOverflowMessage, StringComparison.Ordinal)
                ? new PolicyStop(PolicyStopReason.Stack, "The policy overflowed the stack of its worker process (endless recursion, or a very large local on every call?), which ended it.")
                : error.Contains("OutOfMemory", StringComparison.Ordinal) || exitCode == 137
                    ? new PolicyStop(PolicyStopReason.Memory, "The policy exhausted the memory of its worker process, which ended it.")
                    : exitCode == 152
                        ? new PolicyStop(PolicyStopReason.Timeout, "The policy used up its worker process's CPU time, and the system ended it.")
                        : new PolicyStop(PolicyStopReason.Exception, $"The policy's worker process ended unexpectedly while running it ({Describe(exitCode)}).");
            return PolicyEvaluation.Stopped(flight.Policy, stop, TimeSpan.Zero, compiled.FromCache, compiled.Duration);
        }

        private void FailRemaining()
        {
            var why = $"meshgov's policy worker could not run: {pool._startFailure ?? "it could not be started"}. This is a problem with the machine or the meshgov installation, not with the policy.";
            foreach (var policy in _inFlight.Values.Select(f => f.Policy).Concat(_alone).Concat(_pending).Where(p => !_results.ContainsKey(p.Id)).ToList())
            {
                _results[policy.Id] = PolicyEvaluation.Stopped(policy, new PolicyStop(PolicyStopReason.Exception, why), TimeSpan.Zero, false, TimeSpan.Zero);
            }

            _inFlight.Clear();
        }

        private static string Ending(WorkerProcess worker)
        {
            worker.Kill();
            var (exitCode, error) = worker.Ending();
            var lastLine = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
            return lastLine is null ? Describe(exitCode) : $"{Describe(exitCode)}: {lastLine}";
        }

        private static string Describe(int exitCode) => exitCode > 128 && OperatingSystem.IsLinux()
            ? $"signal {exitCode - 128}"
            : $"exit code {exitCode}";

    }

    /// <summary>One policy sent to the worker and not finished yet.</summary>
    private sealed class Flight(PolicyDefinition policy, bool suspect, DateTime deadline)
    {
        private readonly List<ScriptFinding> _findings = [];

        public PolicyDefinition Policy { get; } = policy;

        /// <summary>Running alone, after a worker died while it ran beside others.</summary>
        public bool Suspect { get; } = suspect;

        public DateTime Deadline { get; set; } = deadline;

        public WorkerCompilation? Compilation { get; set; }

        public IReadOnlyList<ScriptFinding> Findings => _findings;

        /// <summary>Findings past the per-policy cap a worker would never send; counted should one arrive anyway.</summary>
        public int NotKept { get; private set; }

        public void Add(ScriptFinding finding)
        {
            if (_findings.Count >= PolicyGlobals.MaxFindings)
            {
                NotKept++;
                return;
            }

            _findings.Add(finding);
        }
    }
}

/// <summary>Every enabled policy's evaluation, and what the compile and run phases cost.</summary>
internal sealed record PolicyEvaluations(IReadOnlyDictionary<string, PolicyEvaluation> ByPolicy, TimeSpan CompileTime, TimeSpan EvaluationTime, bool CompilerLoaded)
{
    /// <summary>What the worker found linking a mesh the parent left unlinked; null when none did (or none was asked to).</summary>
    public LinkedInWorker? Linked { get; init; }
}
