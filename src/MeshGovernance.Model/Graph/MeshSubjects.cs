namespace MeshGovernance.Model.Graph;

/// <summary>
/// The ids of a mesh's subjects, in the graph's order: what waivers and reports need of a mesh that was linked in
/// another process (the policy worker), without linking it again.
/// </summary>
public sealed record MeshSubjects(string? MeshName, IReadOnlyList<string> Teams, IReadOnlyList<string> Domains, IReadOnlyList<string> Products, IReadOnlyList<string> Contracts)
{
    public static MeshSubjects Of(Mesh mesh) => new(
        mesh.Manifest?.Name,
        [.. mesh.Teams.Select(t => t.Id)],
        [.. mesh.Domains.Select(d => d.Id)],
        [.. mesh.Products.Select(p => p.Id)],
        [.. mesh.Contracts.Select(c => c.Id)]);
}
