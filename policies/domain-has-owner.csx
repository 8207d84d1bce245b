// ---
// id: domain-has-owner
// title: Every domain is owned by an existing team with enough members
// enforcement: soft-mandatory
// category: ownership
// rationale: >-
//   A domain is owned by a team so that its products outlive any one person. A domain without an owner
//   team has nobody to review its changes; one owned by a single person stops when that person is on
//   holiday, ill or gone, and the products its consumers rely on stop with it.
// scope: domains
// params:
//   minMembers: 2
// ---
var minMembers = Params.Integer("minMembers");

foreach (var domain in Mesh.Domains)
{
    if (string.IsNullOrWhiteSpace(domain.OwnerTeamId))
    {
        Fail(domain, "owner", $"Domain '{domain.Id}' names no owner team; set 'owner' in domains/{domain.Folder}/domain.yaml to the id of the team accountable for it.");
        continue;
    }

    if (domain.Owner is not { } team)
    {
        Fail(domain, "owner", $"Domain '{domain.Id}' is owned by '{domain.OwnerTeamId}', which is no team in teams/; set 'owner' to an existing team id, or add teams/{domain.OwnerTeamId}.yaml.");
        continue;
    }

    var members = team.Members.Select(m => m.Username.Trim()).Where(u => u.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).Count();
    if (members < minMembers)
    {
        Fail(domain, "owner", $"Domain '{domain.Id}' is owned by team '{team.Id}', which has {members} member{(members == 1 ? "" : "s")}; a domain's owner team needs at least {minMembers} so that someone can always review changes and answer consumers. Add members to teams/{team.FileStem}.yaml, or give the domain to a larger team.");
    }
}
