namespace MeshGovernance.Testing.GitHubApi;

/// <summary>The REST endpoints the fake GitHub implements, for injecting faults into one of them.</summary>
public enum FakeEndpoint
{
    ListCheckRunsForRef,
    CreateCheckRun,
    UpdateCheckRun,
    ListAnnotations,
    ListComments,
    CreateComment,
    UpdateComment,
}
