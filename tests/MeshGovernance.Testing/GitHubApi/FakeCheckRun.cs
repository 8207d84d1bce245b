using System.Text.Json.Nodes;

namespace MeshGovernance.Testing.GitHubApi;

/// <summary>A check run as the fake GitHub holds it.</summary>
public sealed class FakeCheckRun
{
    public required long Id { get; init; }

    public required string Name { get; init; }

    public required string HeadSha { get; init; }

    public string? Status { get; set; }

    public string? Conclusion { get; set; }

    public string? Title { get; set; }

    public string? Summary { get; set; }

    public string? Text { get; set; }

    public List<JsonObject> Annotations { get; } = [];
}
