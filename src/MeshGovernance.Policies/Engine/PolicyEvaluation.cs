using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Policies.Execution;
using MeshGovernance.Policies.Scripting;

namespace MeshGovernance.Policies.Engine;

/// <summary>
/// What compiling and running one policy came to, in this process or in a worker: its findings (or the
/// diagnostic that says why it did not run), whether it ran, and what it cost.
/// </summary>
internal sealed record PolicyEvaluation(IReadOnlyList<Diagnostic> Diagnostics, bool Ran, TimeSpan Duration, bool FromCache, TimeSpan CompileTime)
{
    /// <summary>Findings a whole report keeps at most, over every policy: no set of policies can fill the report.</summary>
    public const int MaxReportFindings = 250_000;

    public static PolicyEvaluation NotCompiled(PolicyDefinition policy, IReadOnlyList<Diagnostic> diagnostics, bool fromCache, TimeSpan compileTime)
    {
        var attribution = Attribution(policy);
        IReadOnlyList<Diagnostic> shown = diagnostics.Count > 0
            ? diagnostics
            : [DiagnosticCatalog.PolicyCompileError.Create(SourceSpan.StartOf(policy.Source.Path), "The compiled policy could not be loaded. This is a defect in meshgov; please report it.", policy.Id)];
        return new PolicyEvaluation(shown.Select(d => d with { Policy = attribution }).ToList(), false, TimeSpan.Zero, fromCache, compileTime);
    }

    /// <summary>A policy that did not compile within its time: the worker compiling it was ended.</summary>
    public static PolicyEvaluation CompileTimedOut(PolicyDefinition policy, TimeSpan limit) => NotCompiled(policy,
        [DiagnosticCatalog.PolicyCompileTimedOut.Create(
            SourceSpan.StartOf(policy.Source.Path),
            $"Policy '{policy.Id}' did not compile within {PolicyRunner.Seconds(limit)}, and its compilation was ended. Its findings are missing; the other policies ran. Simplify the policy (deeply nested lambdas and overloads make the compiler's work grow fast).",
            policy.Id)],
        fromCache: false,
        limit);

    public static PolicyEvaluation Stopped(PolicyDefinition policy, PolicyStop stop, TimeSpan duration, bool fromCache, TimeSpan compileTime)
    {
        var descriptor = stop.Reason switch
        {
            PolicyStopReason.Timeout or PolicyStopReason.Abandoned => DiagnosticCatalog.PolicyTimedOut,
            PolicyStopReason.Stack => DiagnosticCatalog.PolicyRecursedTooDeep,
            PolicyStopReason.Memory => DiagnosticCatalog.PolicyAllocatedTooMuch,
            _ => DiagnosticCatalog.PolicyFailed,
        };
        var message = $"Policy '{policy.Id}': {stop.Detail} Its findings are discarded; the other policies ran.";
        return new PolicyEvaluation([descriptor.Create(SourceSpan.StartOf(policy.Source.Path), message, policy.Id) with { Policy = Attribution(policy) }], false, duration, fromCache, compileTime);
    }

    /// <summary>A policy that ran to its end: its findings, each taken from the report's budget, and one finding for those not kept.</summary>
    public static PolicyEvaluation Completed(PolicyDefinition policy, IEnumerable<ScriptFinding> findings, int notKept, ReportFindingBudget budget, TimeSpan duration, bool fromCache, TimeSpan compileTime)
    {
        var attribution = Attribution(policy);
        var diagnostics = new List<Diagnostic>();
        foreach (var finding in findings)
        {
            if (!budget.TryTake())
            {
                notKept++;
                continue;
            }

            diagnostics.Add(new Diagnostic(policy.Id, LevelOf(finding.Kind, policy.Enforcement), finding.Message, finding.Span, finding.Subject, attribution));
        }

        if (notKept > 0)
        {
            // As blocking as the findings it stands for, and about no subject, so no waiver or baseline covers it.
            diagnostics.Add(new Diagnostic(policy.Id, LevelOf(FindingKind.Violation, policy.Enforcement),
                $"Policy '{policy.Id}' reported {notKept} more finding(s), not shown: a policy reports at most {PolicyGlobals.MaxFindings}, and a check at most {MaxReportFindings} in all. Fix the ones shown, or narrow the policy.",
                SourceSpan.StartOf(policy.Source.Path), null, attribution));
        }

        return new PolicyEvaluation(diagnostics, true, duration, fromCache, compileTime);
    }

    private static PolicyAttribution Attribution(PolicyDefinition policy) => new(policy.Id, policy.Enforcement);

    private static DiagnosticLevel LevelOf(FindingKind kind, Enforcement enforcement) => kind switch
    {
        FindingKind.Violation => enforcement == Enforcement.Advisory ? DiagnosticLevel.Notice : DiagnosticLevel.Error,
        FindingKind.Warning => DiagnosticLevel.Warning,
        _ => DiagnosticLevel.Notice,
    };
}

/// <summary>The findings a check may still keep (<see cref="PolicyEvaluation.MaxReportFindings"/>), shared by its policies.</summary>
internal sealed class ReportFindingBudget
{
    private int _left = PolicyEvaluation.MaxReportFindings;

    public bool TryTake() => Interlocked.Decrement(ref _left) >= 0;
}
