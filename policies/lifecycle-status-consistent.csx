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
// ---
var allowed = Params.List("allowedStatuses");
var list = string.Join(", ", allowed);

foreach (var asset in Mesh.Products.Cast<DomainAsset>().Concat(Mesh.Contracts))
{
    if (asset.Status is { } status && !allowed.Contains(status))
    {
        var kind = asset is DataProduct ? "Data product" : "Data contract";
        var known = allowed.FirstOrDefault(a => string.Equals(a, status.Trim(), StringComparison.OrdinalIgnoreCase));
        var advice = known is not null ? $"write it as '{known}'" : $"use one of: {list}";
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
