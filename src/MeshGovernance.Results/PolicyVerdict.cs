using MeshGovernance.Model.Diagnostics;

namespace MeshGovernance.Results;

/// <summary>How a subject fared against one policy.</summary>
public enum SubjectStatus
{
    /// <summary>No error: nothing found, or only warnings and notices.</summary>
    Passed,

    /// <summary>Every error is waived.</summary>
    Waived,

    /// <summary>
    /// Errors that do not block because they are existing debt: recorded in governance/baseline.yaml, or (in a
    /// pull request) on a subject the change does not touch. Waived errors may be among them.
    /// </summary>
    ExistingDebt,

    /// <summary>At least one blocking finding.</summary>
    Failed,
}

/// <summary>How a policy did as a whole.</summary>
public enum PolicyStatus
{
    Disabled,

    /// <summary>Enabled, but it did not compile or finish: its engine diagnostics say why.</summary>
    DidNotRun,

    /// <summary>It judges pull requests only, and the check had none (and it found nothing).</summary>
    NotEvaluated,

    Passed,

    Failed,
}

/// <summary>One policy's verdict on one subject, with the policy's findings on it (null subject: findings that named none).</summary>
public sealed record SubjectVerdict(string? Subject, SubjectStatus Status, IReadOnlyList<Diagnostic> Findings)
{
    /// <summary>Warnings and notices: findings that never block (errors that do not are waived or existing debt, counted as such).</summary>
    public int NonBlockingFindings => Findings.Count(f => f.Level != DiagnosticLevel.Error);
}

/// <summary>
/// One policy's verdict in a check: its status, every subject it judged (passing ones included) and the engine
/// diagnostics that say why it did not run. Every output that shows per-policy or per-subject results (JSON,
/// JUnit, Markdown and so GitHub, the site) takes them from here, so they cannot disagree; text and SARIF list
/// findings, each with <see cref="Model.Diagnostics.Diagnostic.Blocking"/>.
/// </summary>
public sealed record PolicyVerdict(PolicyOutcome Policy, PolicyStatus Status, IReadOnlyList<SubjectVerdict> Subjects, IReadOnlyList<Diagnostic> EngineDiagnostics)
{
    public string Id => Policy.Metadata.Id;

    public int Passed => Count(SubjectStatus.Passed);

    public int Failed => Count(SubjectStatus.Failed);

    public int Waived => Count(SubjectStatus.Waived);

    public int ExistingDebt => Count(SubjectStatus.ExistingDebt);

    public int NonBlockingFindings => Subjects.Sum(s => s.NonBlockingFindings);

    /// <summary>The ids of the engine diagnostics that stopped the policy (MG1302, MG1304...), distinct, in order.</summary>
    public IReadOnlyList<string> Reasons => EngineDiagnostics.Select(d => d.Id).Distinct(StringComparer.Ordinal).ToList();

    private int Count(SubjectStatus status) => Subjects.Count(s => s.Status == status);
}

/// <summary>The one calculation of policy and subject verdicts.</summary>
public static class PolicyVerdicts
{
    public static IReadOnlyList<PolicyVerdict> Of(IReadOnlyList<PolicyOutcome> policies, IReadOnlyList<Diagnostic> diagnostics)
    {
        var byPolicy = diagnostics
            .Where(d => d.Policy is not null)
            .ToLookup(d => d.Policy!.PolicyId, StringComparer.Ordinal);
        return policies.Select(policy => Of(policy, byPolicy[policy.Metadata.Id].ToList())).ToList();
    }

    public static SubjectStatus StatusOf(IReadOnlyList<Diagnostic> findings)
    {
        if (findings.Any(f => f.Blocking))
        {
            return SubjectStatus.Failed;
        }

        var errors = findings.Where(f => f.Level == DiagnosticLevel.Error).ToList();
        return errors.Count == 0 ? SubjectStatus.Passed
            : errors.All(f => f.Policy?.Waived == true) ? SubjectStatus.Waived
            : SubjectStatus.ExistingDebt;
    }

    private static PolicyVerdict Of(PolicyOutcome policy, List<Diagnostic> attributed)
    {
        var id = policy.Metadata.Id;
        var engine = attributed.Where(d => d.Id != id).ToList();
        if (!policy.Enabled)
        {
            return new PolicyVerdict(policy, PolicyStatus.Disabled, [], engine);
        }

        if (!policy.Ran)
        {
            return new PolicyVerdict(policy, PolicyStatus.DidNotRun, [], engine);
        }

        if (policy.AwaitsPullRequest && !attributed.Any(d => d.Id == id))
        {
            return new PolicyVerdict(policy, PolicyStatus.NotEvaluated, [], engine);
        }

        // Every subject the policy judged, in its order, then any subject it reported on outside that list
        // (and findings that named none), so no finding is lost.
        var bySubject = attributed
            .Where(d => d.Id == id)
            .GroupBy(d => d.Subject ?? string.Empty, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Diagnostic>)g.ToList(), StringComparer.Ordinal);
        var subjects = new List<SubjectVerdict>();
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var subject in policy.Subjects.Where(listed.Add))
        {
            var findings = bySubject.GetValueOrDefault(subject) ?? [];
            subjects.Add(new SubjectVerdict(subject, StatusOf(findings), findings));
        }

        foreach (var (subject, findings) in bySubject.Where(entry => !listed.Contains(entry.Key)))
        {
            subjects.Add(new SubjectVerdict(subject.Length == 0 ? null : subject, StatusOf(findings), findings));
        }

        var status = subjects.Any(s => s.Status == SubjectStatus.Failed) ? PolicyStatus.Failed : PolicyStatus.Passed;
        return new PolicyVerdict(policy, status, subjects, engine);
    }
}
