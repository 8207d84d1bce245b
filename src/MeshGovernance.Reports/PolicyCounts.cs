using MeshGovernance.Results;
using static MeshGovernance.Model.Text.Wording;

namespace MeshGovernance.Reports;

/// <summary>How many policies judged the mesh, in the words the text and Markdown reports share.</summary>
public static class PolicyCounts
{
    /// <summary>"21 policies evaluated (0 could not run, 3 for pull requests only, 0 disabled)".</summary>
    public static string Sentence(IReadOnlyList<PolicyOutcome> policies, IReadOnlyList<MeshGovernance.Model.Diagnostics.Diagnostic> diagnostics)
    {
        var enabled = policies.Count(p => p.Enabled);
        var ran = policies.Count(p => p.Ran);
        // The verdict decides, as in every other report: a pull-request-only policy that reported anyway was evaluated.
        var awaiting = PolicyVerdicts.Of(policies, diagnostics).Count(v => v.Status == PolicyStatus.NotEvaluated);
        var pullRequestOnly = awaiting > 0 ? $"{awaiting} for pull requests only, " : string.Empty;
        return $"{Plural(ran - awaiting, "policy", "policies")} evaluated ({enabled - ran} could not run, {pullRequestOnly}{policies.Count - enabled} disabled)";
    }
}
