using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Graph;
using MeshGovernance.Results;

namespace MeshGovernance.Site;

/// <summary>One policy's verdict on one subject (see <see cref="PolicyVerdicts"/>), with the findings behind it.</summary>
public sealed record SubjectResult(PolicyOutcome Policy, string Subject, SubjectStatus Status, IReadOnlyList<Diagnostic> Findings)
{
    /// <summary>The status as the pages name it: on main, existing debt is what governance/baseline.yaml records.</summary>
    public string StatusName => Status switch
    {
        SubjectStatus.Passed => "passed",
        SubjectStatus.Waived => "waived",
        SubjectStatus.ExistingDebt => "baselined",
        _ => "failed",
    };
}

/// <summary>A policy with its status (<see cref="PolicyVerdict"/>) and its pass, fail, waived and baselined counts.</summary>
public sealed record PolicySummary(PolicyOutcome Policy, PolicyStatus Status, int Passed, int Failed, int Waived, int Baselined = 0)
{
    /// <summary>Why the counts are empty, when they are: the words every page uses for a policy that judged nothing.</summary>
    public string? NotJudged => Status switch
    {
        PolicyStatus.Disabled => "disabled",
        PolicyStatus.DidNotRun => "did not run (see the diagnostics)",
        PolicyStatus.NotEvaluated => "not evaluated (pull requests only)",
        _ => null,
    };
}

/// <summary>
/// The share of policy verdicts a domain or team passes (waived counts as passed, with its own count; baselined
/// debt does not, and is counted apart from new failures).
/// </summary>
public sealed record Scorecard(string Id, string Name, int Passed, int Waived, int Failed, int Baselined = 0)
{
    public int Total => Passed + Waived + Failed + Baselined;

    /// <summary>Per cent of verdicts passed or waived; 100 when nothing was judged.</summary>
    public int Score => Total == 0 ? 100 : (int)Math.Floor(100.0 * (Passed + Waived) / Total);
}

/// <summary>Every policy's verdict on every subject in its scope, and the scorecards built from them.</summary>
public sealed class PolicyResults
{
    private readonly Dictionary<string, List<SubjectResult>> _bySubject;

    private PolicyResults(IReadOnlyList<PolicySummary> policies, Dictionary<string, List<SubjectResult>> bySubject, IReadOnlyList<Scorecard> domains, IReadOnlyList<Scorecard> teams)
    {
        Policies = policies;
        _bySubject = bySubject;
        Domains = domains;
        Teams = teams;
    }

    public IReadOnlyList<PolicySummary> Policies { get; }

    public IReadOnlyList<Scorecard> Domains { get; }

    public IReadOnlyList<Scorecard> Teams { get; }

    public IReadOnlyList<SubjectResult> For(string? subject) =>
        subject is not null && _bySubject.TryGetValue(subject, out var results) ? results : [];

    public Scorecard? DomainScore(string id) => Domains.FirstOrDefault(d => d.Id == id);

    public Scorecard? TeamScore(string id) => Teams.FirstOrDefault(t => t.Id == id);

    public static PolicyResults From(CheckResult check, Mesh mesh)
    {
        var bySubject = new Dictionary<string, List<SubjectResult>>(StringComparer.Ordinal);
        var summaries = new List<PolicySummary>();
        var verdicts = PolicyVerdicts.Of(check.Policies, check.Diagnostics);
        foreach (var verdict in verdicts.OrderBy(v => v.Id, StringComparer.Ordinal))
        {
            foreach (var subject in verdict.Subjects.Where(s => s.Subject is not null))
            {
                if (!bySubject.TryGetValue(subject.Subject!, out var list))
                {
                    bySubject[subject.Subject!] = list = [];
                }

                list.Add(new SubjectResult(verdict.Policy, subject.Subject!, subject.Status, subject.Findings));
            }

            summaries.Add(new PolicySummary(verdict.Policy, verdict.Status, verdict.Passed, verdict.Failed, verdict.Waived, verdict.ExistingDebt));
        }

        var domains = mesh.Domains.Select(domain => Score(domain.Id, domain.Name,
            [domain.Id, .. domain.Products.Select(p => p.Id), .. domain.Contracts.Select(c => c.Id)], bySubject)).ToList();
        var teams = mesh.Teams.Select(team => Score(team.Id, team.Name,
            [team.Id, .. mesh.Products.Where(p => p.Team == team).Select(p => p.Id), .. mesh.Contracts.Where(c => c.Team == team).Select(c => c.Id)], bySubject)).ToList();
        return new PolicyResults(summaries, bySubject, domains, teams);
    }

    private static Scorecard Score(string id, string name, IEnumerable<string> subjects, Dictionary<string, List<SubjectResult>> bySubject)
    {
        var results = subjects.Distinct(StringComparer.Ordinal).SelectMany(s => bySubject.GetValueOrDefault(s) ?? []).ToList();
        return new Scorecard(id, name,
            results.Count(r => r.Status == SubjectStatus.Passed),
            results.Count(r => r.Status == SubjectStatus.Waived),
            results.Count(r => r.Status == SubjectStatus.Failed),
            results.Count(r => r.Status == SubjectStatus.ExistingDebt));
    }
}
