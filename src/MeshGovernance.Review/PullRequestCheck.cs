using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Loading;
using MeshGovernance.Contracts;
using MeshGovernance.Policies.Engine;
using MeshGovernance.Results;

namespace MeshGovernance.Review;

/// <summary>
/// Checks a pull request: the head mesh judged by the trusted revision's policies, waivers and policy settings,
/// with the change visible to policies and findings the change did not cause reported as existing debt.
/// </summary>
public static class PullRequestCheck
{
    /// <summary>The check of the head, what was compared, and how many files were read (the head's and the trusted policies).</summary>
    public static (CheckResult Result, ChangeSummary Change, int Files) Run(PullRequestRevisions revisions, bool policiesFromHead, string? author, PolicyEngineOptions options)
    {
        var trusted = policiesFromHead ? revisions.Head : revisions.Trusted;
        var change = new ChangeUnderReview(revisions.MergeBase.Mesh, revisions.Head.Mesh, revisions.Files, author);
        var result = PolicyEngine.Check(revisions.Head, PolicySet.Load(trusted), options, new PullRequestInput(change, revisions.MergeBase, trusted));
        // The review's own notices (the rules changed, or came from the head) join the engine's findings.
        var notices = policiesFromHead ? [PoliciesFromHead()] : RuleChanges(revisions.Files);
        result = result with { Diagnostics = result.Diagnostics.Concat(notices).InReportOrder() };
        var files = revisions.Head.Files.Count + (trusted.Layout?.PolicyScripts.Count ?? 0);
        return (result, new ChangeSummary(revisions.BaseCommit, revisions.HeadCommit, revisions.Files.Count, change.Author, policiesFromHead), files);
    }

    private static List<Diagnostic> RuleChanges(IReadOnlyList<ChangedFile> files) => files
        .Where(f => MeshLayout.IsUnder(f.HeadPath ?? f.BasePath!, MeshLayout.Rules) || (f.BasePath is { } old && MeshLayout.IsUnder(old, MeshLayout.Rules)))
        .Select(f => DiagnosticCatalog.GovernanceChanged.Create(
            SourceSpan.StartOf(f.HeadPath ?? f.BasePath!),
            $"This pull request {Verb(f.Kind)} '{f.HeadPath ?? f.BasePath}'. It is judged by the base revision's policies, waivers, baseline and policy settings; the change applies once merged, after the governance group approves it."))
        .ToList();

    private static Diagnostic PoliciesFromHead() => DiagnosticCatalog.PoliciesFromHead.Create(
        SourceSpan.StartOf(MeshLayout.Manifest),
        "Policies, waivers and policy settings are taken from the head revision (--policies-from head): this run does not protect against a pull request that rewrites its own rules. Use it only for the governance group's policy-testing job.");

    private static string Verb(FileChangeKind kind) => kind switch
    {
        FileChangeKind.Added => "adds",
        FileChangeKind.Deleted => "deletes",
        FileChangeKind.Renamed => "renames",
        _ => "changes",
    };
}
