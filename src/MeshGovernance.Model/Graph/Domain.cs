using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Model.Graph;

/// <summary>A domain from <c>domains/&lt;id&gt;/domain.yaml</c>, with the products and contracts in its folder.</summary>
public sealed class Domain : MeshNode
{
    internal Domain(SourceMapping source, string folder) : base(source)
    {
        Folder = folder;
        Id = source.GetString("id") ?? folder;
        Name = source.GetString("name") ?? Id;
        Type = source.GetString("type");
        OwnerTeamId = source.GetString("owner");
        Description = source.GetString("description");
        Tags = source.GetStrings("tags");
    }

    /// <summary>The folder name under <c>domains/</c>; the id must equal it.</summary>
    public string Folder { get; }

    public string Id { get; }

    public string Name { get; }

    /// <summary>source-aligned, aggregate or consumer-aligned.</summary>
    public string? Type { get; }

    public string? OwnerTeamId { get; }

    public Team? Owner { get; internal set; }

    public string? Description { get; }

    public IReadOnlyList<string> Tags { get; }

    public IReadOnlyList<DataProduct> Products { get; internal set; } = [];

    public IReadOnlyList<DataContract> Contracts { get; internal set; } = [];

    public override string? SubjectId => Id;
}
