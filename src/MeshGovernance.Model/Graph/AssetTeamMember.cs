using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Model.Graph;

/// <summary>
/// A member of the team a contract or product names, in one shape whichever way the file writes the team:
/// ODCS v3.1 and ODPS nest members under <c>team.members</c>, ODCS v3.0 lists them as <c>team</c> itself.
/// </summary>
public sealed class AssetTeamMember : MeshNode
{
    internal AssetTeamMember(SourceMapping source, DomainAsset asset) : base(source)
    {
        Asset = asset;
        Username = source.GetString("username");
        Name = source.GetString("name");
        Role = source.GetString("role");
        Description = source.GetString("description");
        DateIn = source.GetString("dateIn");
        DateOut = source.GetString("dateOut");
        ReplacedByUsername = source.GetString("replacedByUsername");
    }

    public DomainAsset Asset { get; }

    public string? Username { get; }

    public string? Name { get; }

    public string? Role { get; }

    public string? Description { get; }

    public string? DateIn { get; }

    public string? DateOut { get; }

    public string? ReplacedByUsername { get; }

    public override string? SubjectId => Asset.Id;

    /// <summary>The member mappings of <c>team</c>: its <c>members</c> list, or the team itself when it is a list (ODCS v3.0).</summary>
    internal static IEnumerable<SourceMapping> MappingsOf(SourceMapping assetSource) => assetSource["team"] switch
    {
        SourceSequence list => list.Items.OfType<SourceMapping>(),
        SourceMapping team => team.GetMappings("members"),
        _ => [],
    };
}
