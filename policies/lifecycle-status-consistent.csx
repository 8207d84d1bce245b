// ---
// id: lifecycle-status-consistent
// title: Lifecycle statuses come from one list and agree between products and contracts
// enforcement: soft-mandatory
// category: lifecycle
// rationale: >-
//   Status is how consumers, catalogs and the other policies tell what may be relied on. That only works
//   with one vocabulary, and when a product's status and its contracts' statuses tell the same story: an
//   active product that delivers a draft contract, or still delivers a retired one, promises something its
//   contract does not.
// scope: [products, contracts]
// params:
//   allowedStatuses: [proposed, draft, active, deprecated, retired]
//   statusSynonyms:
//     - current=active
//     - production=active
//     - live=active
//     - released=active
//     - development=draft
//     - in development=draft
//     - dev=draft
//     - pending=proposed
//     - sunset=deprecated
//     - obsolete=retired
//     - decommissioned=retired
// ---
var allowed = Params.List("allowedStatuses");
var list = string.Join(", ", allowed);
// Statuses other tools and the standards' own examples write ("current", "in development"), each with the
// lifecycle status of this mesh it means: the advice names it, so that following the advice fixes the finding.
// A synonym for a status this mesh does not have (a mesh without 'proposed') is left out, not an error.
var synonyms = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
foreach (var entry in Params.List("statusSynonyms"))
{
    var at = entry.IndexOf('=');
    if (at <= 0 || at == entry.Length - 1)
    {
        throw new ArgumentException($"The parameter 'statusSynonyms' of lifecycle-status-consistent holds '{entry}'; write each entry as 'written=status', such as 'current=active'.");
    }
    var meant = allowed.FirstOrDefault(a => string.Equals(a, entry[(at + 1)..].Trim(), StringComparison.OrdinalIgnoreCase));
    if (meant is not null)
    {
        synonyms[entry[..at].Trim()] = meant;
    }
}

foreach (var asset in Mesh.Products.Cast<DomainAsset>().Concat(Mesh.Contracts))
{
    if (asset.Status is { } status && !allowed.Contains(status))
    {
        var kind = asset is DataProduct ? "Data product" : "Data contract";
        var known = allowed.FirstOrDefault(a => string.Equals(a, status.Trim(), StringComparison.OrdinalIgnoreCase));
        var advice = known is not null ? $"write it as '{known}'"
            : synonyms.TryGetValue(status.Trim(), out var meant) ? $"this mesh calls that status '{meant}': write status: {meant}"
            : $"use one of: {list}";
        Fail(asset, "status", $"{kind} '{asset.Id}' has the status '{status}', which is not a lifecycle status of this mesh; {advice}.");
    }
}

foreach (var product in Mesh.Products)
{
    foreach (var port in product.OutputPorts)
    {
        if (port.Contract is not { Status: { } contractStatus } contract)
        {
            continue;
        }

        if (product.Status == "active" && contractStatus is "draft" or "proposed")
        {
            Fail(port, "contractId", $"Data product '{product.Id}' is active, but its output port '{port.Name}' delivers the contract '{contract.Id}', which is {contractStatus}; make the contract active once it is agreed, or keep the port off the active product until then.");
        }
        else if (product.Status is not null && product.Status != "retired" && contractStatus == "retired")
        {
            Fail(port, "contractId", $"Data product '{product.Id}' is {product.Status}, but its output port '{port.Name}' still delivers the retired contract '{contract.Id}'; remove the port (the data is no longer served) or, if it still is, set the contract back to deprecated with an end date.");
        }
    }
}

foreach (var contract in Mesh.Contracts.Where(c => c.Status == "active" && c.Providers.Count == 0))
{
    Warn(contract, "status", $"Data contract '{contract.Id}' is active, but no data product delivers it; add an output port with contractId '{contract.Id}' to the product that serves the data, or set the contract's status to what it really is (draft, deprecated or retired).");
}
