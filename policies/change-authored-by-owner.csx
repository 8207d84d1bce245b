// ---
// id: change-authored-by-owner
// title: A pull request changing a domain is authored by the domain's team or the governance group
// enforcement: soft-mandatory
// category: ownership
// rationale: >-
//   The team that owns a domain answers for what it publishes, so changes to the domain's products and
//   contracts come from that team. Team membership and domain ownership are read from the base revision:
//   a pull request cannot make its author an owner and use that in the same change.
// scope: [domains]
// alwaysBlocks: true
// pullRequestOnly: true
// ---
if (Change?.Author is not { } author)
{
    return;
}

var governanceTeam = Change.Base.FindTeam(Change.Base.Manifest?.GovernanceTeamId);
if (IsMember(governanceTeam, author))
{
    return;
}

var folders = Change.Files
    .SelectMany(f => new[] { f.HeadPath, f.BasePath })
    .OfType<string>()
    .Where(path => path.StartsWith("domains/", StringComparison.Ordinal) && path.IndexOf('/', "domains/".Length) > 0)
    .Select(path => path.Split('/')[1])
    .Distinct(StringComparer.Ordinal)
    .OrderBy(folder => folder, StringComparer.Ordinal);

foreach (var folder in folders)
{
    var baseDomain = Change.Base.Domains.FirstOrDefault(d => d.Folder == folder);
    var headDomain = Mesh.Domains.FirstOrDefault(d => d.Folder == folder);
    // A new domain is owned by the team its domain.yaml names, but that team's members are read at base.
    var owner = baseDomain?.Owner ?? Change.Base.FindTeam(headDomain?.OwnerTeamId);
    if (IsMember(owner, author))
    {
        continue;
    }

    var anchor = (MeshNode?)headDomain ?? baseDomain;
    if (anchor is null)
    {
        continue;
    }

    var governance = governanceTeam is null ? "the governance group" : $"the governance group ('{governanceTeam.Id}')";
    var message = owner is null
        ? $"@{author} changes domain folder '{folder}', which no team of the base revision owns; ask {governance} to review and approve it."
        : $"@{author} changes domain '{anchor.SubjectId}', which team '{owner.Id}' owns, but is not one of its members; ask {Owners(owner)} or {governance} to review and approve it.";
    Fail(anchor, "owner", message);
}

static bool IsMember(Team? team, string login) =>
    team is not null && team.Members.Any(m => string.Equals(m.Username, login, StringComparison.OrdinalIgnoreCase));

static string Owners(Team team) =>
    team.Members.Count == 0
        ? $"team '{team.Id}'"
        : string.Join(", ", team.Members.Select(m => "@" + m.Username)) + (team.GitHubTeam is { } slug ? $" (@{slug})" : string.Empty);
