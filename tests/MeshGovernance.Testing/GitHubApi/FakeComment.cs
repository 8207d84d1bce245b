namespace MeshGovernance.Testing.GitHubApi;

/// <summary>An issue comment as the fake GitHub holds it.</summary>
public sealed class FakeComment
{
    public required long Id { get; init; }

    public required int Issue { get; init; }

    public required string Body { get; set; }

    public string Login { get; init; } = "github-actions[bot]";

    public string UserType { get; init; } = "Bot";
}
