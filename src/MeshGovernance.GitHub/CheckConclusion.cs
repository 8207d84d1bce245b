namespace MeshGovernance.GitHub;

/// <summary>The conclusion of the check run: what a pull request's merge box shows.</summary>
public enum CheckConclusion
{
    /// <summary>No findings at all.</summary>
    Success,

    /// <summary>Findings, none blocking (advisory, waived, existing debt): the check passes, with something to read.</summary>
    Neutral,

    /// <summary>At least one blocking finding.</summary>
    Failure,
}
