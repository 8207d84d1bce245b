// ---
// id: product-has-owner
// title: Every data product names an owner team that exists
// enforcement: hard-mandatory
// category: ownership
// rationale: >-
//   Consumers need someone accountable for a product's quality, access and changes. A product whose
//   team.name is missing, or names no team in teams/, has nobody to ask and nobody to approve its changes.
// scope: products
// ---
foreach (var product in Mesh.Products)
{
    if (string.IsNullOrWhiteSpace(product.TeamId))
    {
        Fail(product, "team", $"Data product '{product.Id}' names no owner team; set team.name to the id of a team in teams/.");
    }
    else if (product.Team is null)
    {
        Fail(product, "team", $"Data product '{product.Id}' names the owner team '{product.TeamId}', which is no team in teams/ by id or name; set team.name to the id or name of an existing team, or describe the team in teams/{WrittenName.SuggestedId(product.TeamId)}.yaml with name: {product.TeamId}.");
    }
}
