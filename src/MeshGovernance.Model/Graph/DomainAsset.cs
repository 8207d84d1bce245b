using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Model.Graph;

/// <summary>
/// What a domain publishes: a data product or a data contract. Both standards give it an id, a name, a
/// version, a status, a domain, an owner team (<c>team.name</c>), a description with purpose, usage and
/// limitations, tags and support channels, at the same places.
/// </summary>
public abstract class DomainAsset : MeshNode
{
    private protected DomainAsset(SourceMapping source, string domainFolder) : base(source)
    {
        DomainFolder = domainFolder;
        Id = source.GetString("id") ?? string.Empty;
        Name = source.GetString("name");
        Version = source.GetString("version");
        Status = source.GetString("status");
        DeclaredDomain = source.GetString("domain");
        // ODCS v3.0 wrote team as a bare list of members; that form names no owner team.
        TeamId = source.GetMapping("team")?.GetString("name");
        var description = source.GetMapping("description");
        Purpose = description?.GetString("purpose");
        Usage = description?.GetString("usage");
        Limitations = description?.GetString("limitations");
        Tags = source.GetStrings("tags");
        Support = ReadOnly.Map(source, "support", Id, static (s, id) => new SupportChannel(s, id));
        TeamMembers = ReadOnly.List(AssetTeamMember.MappingsOf(source).Select(m => new AssetTeamMember(m, this)));
    }

    public string Id { get; }

    public string? Name { get; }

    public string? Version { get; }

    /// <summary>proposed, draft, active, deprecated or retired (neither standard fixes the list).</summary>
    public string? Status { get; }

    /// <summary>The folder under <c>domains/</c> the file sits in: the asset's domain.</summary>
    public string DomainFolder { get; }

    /// <summary>The <c>domain</c> field as written, which must agree with <see cref="DomainFolder"/> when set.</summary>
    public string? DeclaredDomain { get; }

    public Domain? Domain { get; internal set; }

    /// <summary><c>team.name</c>: the id of the owner team.</summary>
    public string? TeamId { get; }

    public Team? Team { get; internal set; }

    /// <summary>The members the file lists for its team (<c>team.members</c>, or ODCS v3.0's list form of <c>team</c>).</summary>
    public IReadOnlyList<AssetTeamMember> TeamMembers { get; }

    public string? Purpose { get; }

    public string? Usage { get; }

    public string? Limitations { get; }

    public IReadOnlyList<string> Tags { get; }

    public IReadOnlyList<SupportChannel> Support { get; }

    public override string? SubjectId => Id;
}
