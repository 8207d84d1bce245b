// ---
// id: product-owner-matches-domain
// title: Products and contracts are owned by their domain's team, or say why not
// enforcement: soft-mandatory
// category: ownership
// rationale: >-
//   Domain ownership is the first principle of a data mesh: the team that owns a domain answers for what
//   the domain publishes, and reviews every change to its folder. A product or contract owned by another
//   team splits that accountability silently. Sometimes that is right (a platform team runs a product on a
//   domain's behalf), and then it should be written down where everyone can see it.
// scope: [products, contracts]
// params:
//   exceptionProperty: ownerDiffersFromDomain
// ---
var exceptionProperty = Params.String("exceptionProperty");

foreach (var asset in Mesh.Products.Cast<DomainAsset>().Concat(Mesh.Contracts))
{
    // Missing or unknown owners are other policies' findings (product-has-owner, contract-has-owner, domain-has-owner).
    if (asset.Team is not { } team || asset.Domain is not { } domain || domain.Owner is not { } domainOwner)
    {
        continue;
    }

    var kind = asset is DataProduct ? "Data product" : "Data contract";
    var declared = asset.Source.GetMappings("customProperties").FirstOrDefault(p => p.GetString("property") == exceptionProperty);
    var reason = declared?.GetString("value");

    if (team.Id == domainOwner.Id)
    {
        if (declared is not null)
        {
            Inform(asset, "customProperties", $"{kind} '{asset.Id}' declares '{exceptionProperty}', but its team '{team.Id}' does own the domain '{domain.Id}'; remove the stale custom property.");
        }

        continue;
    }

    if (declared is null)
    {
        Fail(asset, "team", $"{kind} '{asset.Id}' is owned by team '{team.Id}', but its domain '{domain.Id}' is owned by team '{domainOwner.Id}'; set team.name to '{domainOwner.Id}', move the file to a domain that '{team.Id}' owns, or, if the split is agreed, add a customProperties entry '{exceptionProperty}' whose value says why.");
    }
    else if (string.IsNullOrWhiteSpace(reason))
    {
        Fail(asset, "customProperties", $"{kind} '{asset.Id}' declares '{exceptionProperty}' without a reason; write in its value why team '{team.Id}' and not the domain owner '{domainOwner.Id}' runs it.");
    }
}
