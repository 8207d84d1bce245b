// ---
// id: contract-has-owner
// title: Every data contract names an owner team that exists
// enforcement: hard-mandatory
// category: ownership
// rationale: >-
//   A contract is a promise to consumers, and a promise needs someone who keeps it: a team that answers
//   questions, approves access and decides on changes. A contract whose team.name is missing, is written in
//   the ODCS v3.0 list form, or names no team in teams/ has nobody accountable for it.
// scope: contracts
// ---
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

    if (contract.Source["team"] is MeshGovernance.Model.Yaml.SourceSequence)
    {
        Fail(contract, "team", $"Data contract '{contract.Id}' lists its team in the ODCS v3.0 form (a bare list of members), which names no owner team; write 'team:' as a mapping with 'name: <team id>' and move the list under 'members:'.");
    }
    else
    {
        Fail(contract, "team", $"Data contract '{contract.Id}' names no owner team; set team.name to the id of the team in teams/ that is accountable for it.");
    }
}
