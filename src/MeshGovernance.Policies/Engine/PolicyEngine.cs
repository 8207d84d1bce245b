using System.Collections.Concurrent;
using System.Diagnostics;
using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Graph;
using MeshGovernance.Model.Loading;
using MeshGovernance.Model.Schemas;
using MeshGovernance.Policies.Baselines;
using MeshGovernance.Policies.BuiltIn;
using MeshGovernance.Contracts;
using MeshGovernance.Policies.Compilation;
using MeshGovernance.Policies.Execution;
using MeshGovernance.Policies.Isolation;
using MeshGovernance.Policies.Scripting;
using MeshGovernance.Policies.Waivers;
using MeshGovernance.Results;

namespace MeshGovernance.Policies.Engine;

/// <summary>
/// Evaluates the enabled policies over a loaded mesh: compiles (or loads from the cache) each policy, runs
/// them in parallel within their budgets, sets levels from enforcement, applies the waivers and the baseline, and returns
/// everything with the validation diagnostics in one ordered list.
/// </summary>
public static class PolicyEngine
{
    /// <summary>
    /// From this many files, a mesh whose policies run in the worker is linked there alone (<see cref="LinksInWorker"/>).
    /// Measured on generated meshes with one policy of their own (docs/performance.md): at 108 files linking it in both
    /// processes and running the built-in pack here beside the worker was 30 ms quicker, at 422 files the two were even,
    /// at 2,102 files linking it once in the worker was 190 ms quicker.
    /// </summary>
    public const int MinimumFilesToLinkInWorker = 400;

    /// <summary>
    /// Whether a check of this layout, with a worker, should leave the linking of the mesh to the worker
    /// (<see cref="MeshLoadResult.Linked"/>): it has policy scripts of its own, so a worker runs, and it is large
    /// enough that building the graph twice costs more than the built-in pack gains from running beside the worker.
    /// </summary>
    public static bool LinksInWorker(RepositoryLayout layout) =>
        layout.PolicyScripts.Count > 0 && layout.Files.Count >= MinimumFilesToLinkInWorker;

    /// <param name="pullRequest">In a pull-request check, the change, the merge base and the trusted revision; null otherwise.</param>
    public static CheckResult Check(MeshLoadResult load, PolicySet policies, PolicyEngineOptions options, PullRequestInput? pullRequest = null)
    {
        if (load.ConfigurationError)
        {
            return CheckResult.ValidationOnly(load.Diagnostics, configurationError: true);
        }

        var enabled = policies.Policies.Where(p => p.Enabled).ToList();
        if (pullRequest is not null && !ReferenceEquals(pullRequest.Change.Head, load.Mesh))
        {
            throw new ArgumentException("The change's head mesh must be the mesh under check.", nameof(pullRequest));
        }

        var evaluations = Evaluate(enabled, load, options, pullRequest);
        var runs = evaluations.ByPolicy;
        // Linked by the worker when this process left the mesh unlinked; otherwise here (at once, or now).
        var subjects = evaluations.Linked?.Subjects ?? MeshSubjects.Of(load.Mesh);

        var findings = enabled.SelectMany(p => runs[p.Id].Diagnostics).ToList();
        var waiverDiagnostics = new List<Diagnostic>();
        var waivers = new List<WaiverOutcome>();
        var waiversFile = (pullRequest?.Trusted ?? load).Files.FirstOrDefault(f => f.File.Kind == DocumentKind.Waivers && f.Root is not null);
        if (waiversFile is not null)
        {
            findings = WaiverApplier.Apply(
                Waiver.ReadAll(waiversFile.Root!),
                findings,
                enabled.ToDictionary(p => p.Id, p => p.Enforcement, StringComparer.Ordinal),
                policies.Policies.Select(p => p.Id).ToHashSet(StringComparer.Ordinal),
                subjects,
                options.Today,
                waiverDiagnostics,
                waivers).ToList();
        }

        // The baseline of the trusted revision, as for waivers: a pull request cannot record its own new findings.
        IReadOnlyList<Diagnostic> validation = evaluations.Linked is { } linked ? load.DiagnosticsWith(linked.ReferenceFindings) : load.Diagnostics;
        IReadOnlyList<Diagnostic> baselineDiagnostics = [];
        var baselineFile = (pullRequest?.Trusted ?? load).Files.FirstOrDefault(f => f.File.Kind == DocumentKind.Baseline && f.Root is not null);
        if (baselineFile is not null)
        {
            var baseline = new BaselineApplier(
                BaselineEntry.ReadAll(baselineFile.Root!),
                enabled.Where(p => runs[p.Id].Ran).ToList(),
                policies.Policies.Select(p => p.Id).ToHashSet(StringComparer.Ordinal),
                new FindingFingerprint(load));
            validation = baseline.Mark(validation);
            findings = baseline.Mark(findings).ToList();
            baselineDiagnostics = baseline.Diagnostics();
        }

        var diagnostics = MarkExistingDebt(validation, findings, enabled, pullRequest)
            .Concat(policies.Diagnostics)
            .Concat(waiverDiagnostics)
            .Concat(baselineDiagnostics)
            .InReportOrder();

        // Policies of the same scope share one list of its subjects: at 10,000 products each list is 20,000 ids.
        var subjectsByScope = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        IReadOnlyList<string> Subjects(IReadOnlyList<SubjectKind> scope)
        {
            var key = string.Join(',', scope);
            if (!subjectsByScope.TryGetValue(key, out var ofScope))
            {
                ofScope = SubjectsOf(scope, subjects).AsReadOnly();
                subjectsByScope[key] = ofScope;
            }

            return ofScope;
        }

        var outcomes = policies.Policies.Select(p => new PolicyOutcome(
                p.Effective,
                p.Source.Path,
                p.Source.BuiltIn,
                p.Enabled,
                p.Enabled && runs[p.Id].Ran,
                p.Enabled ? Subjects(p.Declared.Scope) : [],
                p.Enabled && runs[p.Id].FromCache,
                p.Enabled ? runs[p.Id].Duration : TimeSpan.Zero)
            {
                HelpPage = p.Source.BuiltIn ? BuiltInPolicies.HelpPage(p.Id) : null,
                AwaitsPullRequest = p.Declared.PullRequestOnly && pullRequest is null,
            })
            .ToList();
        var statistics = new CheckStatistics(
            enabled.Count,
            enabled.Count(p => runs[p.Id].FromCache),
            enabled.Count(p => !runs[p.Id].FromCache),
            evaluations.CompileTime,
            evaluations.EvaluationTime)
        {
            CompilerLoaded = evaluations.CompilerLoaded,
            Isolated = options.Worker is not null && enabled.Any(p => !p.Source.BuiltIn),
            LinkedInWorker = evaluations.Linked is not null,
        };
        return new CheckResult(diagnostics, outcomes, statistics, ConfigurationError: false) { PolicyConfigurationInvalid = policies.ConfigurationInvalid, Waivers = waivers };
    }

    /// <summary>
    /// The repository's policies run in the worker process when there is one. The built-in pack, which is meshgov's
    /// own code, reviewed and tested with it, runs in this process at the same time (as the loader and the validators
    /// do), so a mesh with no policies of its own never waits for a worker; except when this process left the mesh
    /// unlinked (<see cref="MeshLoadResult.Linked"/>): then the worker alone links it, checks its references and runs
    /// every policy, and this process never builds the graph the worker builds anyway.
    /// </summary>
    private static PolicyEvaluations Evaluate(IReadOnlyList<PolicyDefinition> enabled, MeshLoadResult load, PolicyEngineOptions options, PullRequestInput? pullRequest)
    {
        var reportBudget = new ReportFindingBudget();
        var isolated = options.Worker is null ? [] : enabled.Where(p => !p.Source.BuiltIn).ToList();
        if (isolated.Count == 0)
        {
            return InProcess(enabled, load.Mesh, pullRequest?.Change, options, reportBudget);
        }

        if (pullRequest is null && !load.Linked)
        {
            return InWorkerAlone(enabled, load, options, reportBudget);
        }

        // The built-in pack, quick and meshgov's own, takes every core: on a small mesh it is what the check waits
        // for (on the example mesh, 150 ms on one core against 70 ms on two). The worker runs half as many policies
        // at a time as there are cores, not all: budgets are wall-clock time, and a policy starved of its core by
        // twice as many threads as cores would run out of it.
        var inProcess = enabled.Where(p => p.Source.BuiltIn).ToList();
        var builtIn = Task.Run(() => InProcess(inProcess, load.Mesh, pullRequest?.Change, options, reportBudget));
        var fromWorker = options.Worker!.Evaluate(isolated, load, pullRequest, options with { MaxParallelism = Math.Max(1, options.MaxParallelism / 2) }, reportBudget);
        var local = builtIn.GetAwaiter().GetResult();
        var all = new Dictionary<string, PolicyEvaluation>(local.ByPolicy, StringComparer.Ordinal);
        foreach (var (id, evaluation) in fromWorker.ByPolicy)
        {
            all[id] = evaluation;
        }

        return new PolicyEvaluations(
            all,
            local.CompileTime + fromWorker.CompileTime,
            local.EvaluationTime > fromWorker.EvaluationTime ? local.EvaluationTime : fromWorker.EvaluationTime,
            local.CompilerLoaded || fromWorker.CompilerLoaded);
    }

    /// <summary>
    /// Every policy in the worker, which links the mesh. A built-in policy the worker could not run, for want of a worker
    /// or stopped by what another policy did to it (its memory filled, its process ended), runs again here: it is
    /// meshgov's own code, and a policy of the repository must not be able to fail it. One that ran out of time does not.
    /// </summary>
    private static PolicyEvaluations InWorkerAlone(IReadOnlyList<PolicyDefinition> enabled, MeshLoadResult load, PolicyEngineOptions options, ReportFindingBudget reportBudget)
    {
        var fromWorker = options.Worker!.Evaluate(enabled, load, pullRequest: null, options, reportBudget, link: true);
        var notRun = enabled
            .Where(p => p.Source.BuiltIn && fromWorker.ByPolicy[p.Id] is { Ran: false } evaluation
                && evaluation.Diagnostics.All(d => d.Id != DiagnosticCatalog.PolicyTimedOut.Id))
            .ToList();
        if (notRun.Count == 0)
        {
            return fromWorker;
        }

        var local = InProcess(notRun, load.Mesh, change: null, options, reportBudget);
        var all = new Dictionary<string, PolicyEvaluation>(fromWorker.ByPolicy, StringComparer.Ordinal);
        foreach (var (id, evaluation) in local.ByPolicy)
        {
            all[id] = evaluation;
        }

        return fromWorker with
        {
            ByPolicy = all,
            CompileTime = fromWorker.CompileTime + local.CompileTime,
            EvaluationTime = fromWorker.EvaluationTime + local.EvaluationTime,
            CompilerLoaded = fromWorker.CompilerLoaded || local.CompilerLoaded,
        };
    }

    /// <summary>Compiles and runs policies in this process: the built-in pack, and every policy in tests and library use.</summary>
    private static PolicyEvaluations InProcess(IReadOnlyList<PolicyDefinition> enabled, Mesh mesh, ChangeUnderReview? change, PolicyEngineOptions options, ReportFindingBudget reportBudget)
    {
        var provider = PolicyAssemblyProvider.SharedFor(options.Cache);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxParallelism) };

        var compileWatch = Stopwatch.StartNew();
        var compiled = new ConcurrentDictionary<string, CompiledPolicy>(StringComparer.Ordinal);
        Parallel.ForEach(enabled, parallel, policy => compiled[policy.Id] = provider.Get(policy.Source, policy.Id));
        compileWatch.Stop();

        var evaluationWatch = Stopwatch.StartNew();
        var runs = new ConcurrentDictionary<string, PolicyEvaluation>(StringComparer.Ordinal);
        Parallel.ForEach(enabled, parallel, policy => runs[policy.Id] = Evaluate(policy, compiled[policy.Id], mesh, change, options, reportBudget));
        evaluationWatch.Stop();

        return new PolicyEvaluations(runs, compileWatch.Elapsed, evaluationWatch.Elapsed, PolicyAssemblyProvider.CompilerLoaded);
    }

    private static PolicyEvaluation Evaluate(PolicyDefinition policy, CompiledPolicy compiled, Mesh mesh, ChangeUnderReview? change, PolicyEngineOptions options, ReportFindingBudget reportBudget)
    {
        if (compiled.Entry is null)
        {
            return PolicyEvaluation.NotCompiled(policy, compiled.Diagnostics, compiled.FromCache, TimeSpan.Zero);
        }

        var globals = new PolicyGlobals(mesh, new PolicyParameters(policy.Parameters), options.Today, change);
        var outcome = PolicyRunner.Run(compiled.Entry, globals, options.Budget);
        return outcome.Stop is { } stop
            ? PolicyEvaluation.Stopped(policy, stop, outcome.Duration, compiled.FromCache, TimeSpan.Zero)
            : PolicyEvaluation.Completed(policy, outcome.Findings, outcome.FindingsNotKept, reportBudget, outcome.Duration, compiled.FromCache, TimeSpan.Zero);
    }

    /// <summary>
    /// In a pull request, sets <see cref="Diagnostic.ExistingDebt"/> on what the change did not cause: a validation
    /// finding already present at the base revision, or a policy finding on a subject the change does not touch
    /// and in a file it does not change, unless its policy always blocks.
    /// </summary>
    private static IEnumerable<Diagnostic> MarkExistingDebt(IReadOnlyList<Diagnostic> validation, IReadOnlyList<Diagnostic> findings, IReadOnlyList<PolicyDefinition> enabled, PullRequestInput? pullRequest)
    {
        if (pullRequest is null)
        {
            return validation.Concat(findings);
        }

        var change = pullRequest.Change;
        var atBase = pullRequest.MergeBase.Diagnostics.Select(d => (d.Id, d.File, d.Message)).ToHashSet();
        var alwaysBlocks = enabled.Where(p => p.Declared.AlwaysBlocks).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var existingValidation = validation.Select(d => atBase.Contains((d.Id, d.File, d.Message)) ? d with { ExistingDebt = true } : d);
        var existingFindings = findings.Select(d =>
            d.Policy is { } policy && !alwaysBlocks.Contains(policy.PolicyId) && !Touched(d, change) ? d with { ExistingDebt = true } : d);
        return existingValidation.Concat(existingFindings);

        static bool Touched(Diagnostic finding, ChangeUnderReview change) => change.Touches(finding.Subject) || change.IsChanged(finding.File);
    }

    private static List<string> SubjectsOf(IReadOnlyList<SubjectKind> scope, MeshSubjects mesh) => scope
        .SelectMany(kind => kind switch
        {
            SubjectKind.Mesh => mesh.MeshName is { } name ? [name] : [],
            SubjectKind.Teams => mesh.Teams,
            SubjectKind.Domains => mesh.Domains,
            SubjectKind.Products => mesh.Products,
            _ => mesh.Contracts,
        })
        .Distinct(StringComparer.Ordinal)
        .ToList();
}
