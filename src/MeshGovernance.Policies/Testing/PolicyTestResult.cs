namespace MeshGovernance.Policies.Testing;

/// <summary>The outcome of one test case of one policy.</summary>
/// <param name="Problems">Empty when the case passed; otherwise the readable differences and errors.</param>
public sealed record PolicyTestCaseResult(string PolicyId, string CaseName, IReadOnlyList<string> Problems)
{
    public bool Passed => Problems.Count == 0;
}

/// <summary>The outcome of every test of a set of policies.</summary>
/// <param name="Errors">Test files that could not be read at all (named with file and line).</param>
public sealed record PolicyTestReport(IReadOnlyList<PolicyTestCaseResult> Cases, IReadOnlyList<string> Errors, IReadOnlyList<string> Untested)
{
    public bool Passed => Errors.Count == 0 && Cases.All(c => c.Passed);
}
