using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Model.Graph;

/// <summary>A team from <c>teams/&lt;id&gt;.yaml</c>: the unit of ownership.</summary>
public sealed class Team : MeshNode
{
    internal Team(SourceMapping source, string fileStem) : base(source)
    {
        FileStem = fileStem;
        Id = source.GetString("id") ?? fileStem;
        Name = source.GetString("name") ?? Id;
        Description = source.GetString("description");
        GitHubTeam = source.GetString("githubTeam");
        var contact = source.GetMapping("contact");
        Email = contact?.GetString("email");
        Slack = contact?.GetString("slack");
        Url = contact?.GetString("url");
        Members = ReadOnly.Map(source, "members", this, static (m, team) => new TeamMember(m, team));
    }

    /// <summary>The file name without extension; the id must equal it.</summary>
    public string FileStem { get; }

    public string Id { get; }

    public string Name { get; }

    public string? Description { get; }

    /// <summary>org/team-slug on GitHub, when the team has one.</summary>
    public string? GitHubTeam { get; }

    public string? Email { get; }

    public string? Slack { get; }

    public string? Url { get; }

    public IReadOnlyList<TeamMember> Members { get; }

    public override string? SubjectId => Id;
}

public sealed class TeamMember : MeshNode
{
    internal TeamMember(SourceMapping source, Team team) : base(source)
    {
        Team = team;
        Username = source.GetString("username") ?? string.Empty;
        Name = source.GetString("name");
        Role = source.GetString("role");
    }

    public Team Team { get; }

    /// <summary>The member's GitHub login.</summary>
    public string Username { get; }

    public string? Name { get; }

    public string? Role { get; }

    public override string? SubjectId => Team.Id;
}
