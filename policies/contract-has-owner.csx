// ---
// id: contract-has-owner
// title: Every data contract has an owner team that exists
// enforcement: hard-mandatory
// category: ownership
// rationale: >-
//   A contract is a promise to consumers, and a promise needs someone who keeps it: a team that answers
//   questions, approves access and decides on changes. A contract is owned by the team its team.name names,
//   or, when it names none (ODCS makes team optional, and v3.0 wrote it as a bare list of members), by the
//   owner of the domain it sits in. A contract whose team.name names no team in teams/, or that has neither,
//   has nobody accountable for it.
// scope: contracts
// params:
//   requireExplicitTeam: false
// ---
var requireExplicitTeam = Params.Boolean("requireExplicitTeam");

foreach (var contract in Mesh.Contracts)
{
    if (!string.IsNullOrWhiteSpace(contract.TeamId))
    {
        if (contract.Team is null)
        {
            Fail(contract, "team", $"Data contract '{contract.Id}' names the owner team '{contract.TeamId}', which is no team in teams/ by id or name; set team.name to the id or name of an existing team, or describe the team in teams/{WrittenName.SuggestedId(contract.TeamId)}.yaml with name: {contract.TeamId}.");
        }

        continue;
    }

    var listForm = contract.Source["team"] is MeshGovernance.Model.Yaml.SourceSequence;
    var hasTeamKey = contract.Source["team"] is not null;
    var howToName = listForm
        ? "write 'team:' as a mapping with 'name: <team id>' and move the list of members under 'members:'"
        : "set team.name to the id of the team in teams/ that is accountable for it";
    var namesNone = $"Data contract '{contract.Id}' names no owner team{(listForm ? " (its team is the ODCS v3.0 list of members)" : string.Empty)}";
    var owner = contract.Domain?.Owner;
    if (owner is not null && !requireExplicitTeam)
    {
        var notice = $"{namesNone}, so it is owned by its domain's owner, team '{owner.Id}'; to name another team, {howToName}.";
        if (hasTeamKey) { Inform(contract, "team", notice); } else { Inform(contract, notice); }
        continue;
    }

    var failure = owner is null
        ? $"{namesNone}, and its domain has no owner team to fall back on; {howToName}."
        : $"{namesNone}, and this mesh requires every contract to name one (requireExplicitTeam); {howToName}.";
    if (hasTeamKey) { Fail(contract, "team", failure); } else { Fail(contract, failure); }
}
