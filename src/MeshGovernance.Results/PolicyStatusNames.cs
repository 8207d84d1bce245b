namespace MeshGovernance.Results;

/// <summary>The names of policy statuses in machine-readable output (the JSON report, the site's catalog.json).</summary>
public static class PolicyStatusNames
{
    public static string Name(this PolicyStatus status) => status switch
    {
        PolicyStatus.Disabled => "disabled",
        PolicyStatus.DidNotRun => "did-not-run",
        PolicyStatus.NotEvaluated => "not-evaluated",
        PolicyStatus.Passed => "passed",
        _ => "failed",
    };
}
