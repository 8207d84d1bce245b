// ---
// id: output-port-has-contract
// title: Every output port is governed by a data contract of the product's own domain
// enforcement: hard-mandatory
// category: interoperability
// rationale: >-
//   An output port is what consumers build on. Without a contract it promises nothing: no schema, no
//   quality rules, no service levels, no owner to ask, and any change may break consumers unannounced. The
//   contract should belong to the same domain as the product, so that the team that runs the port also
//   owns its promise.
// scope: products
// ---
foreach (var product in Mesh.Products)
{
    foreach (var port in product.OutputPorts)
    {
        var portName = port.Name.Length > 0 ? $"'{port.Name}'" : "without a name";
        if (string.IsNullOrWhiteSpace(port.ContractId))
        {
            Fail(port, $"Output port {portName} (version {port.Version ?? "?"}) of data product '{product.Id}' names no data contract; write the contract in domains/{product.DomainFolder}/contracts/ and set the port's contractId to its id.");
            continue;
        }

        // A contractId naming no contract is reported by the validator (MG1202).
        if (port.Contract is { } contract && contract.DomainFolder != product.DomainFolder)
        {
            Warn(port, "contractId", $"Output port {portName} of data product '{product.Id}' (domain '{product.DomainFolder}') delivers the contract '{contract.Id}' of domain '{contract.DomainFolder}'; a product publishes contracts of its own domain. Move the contract to domains/{product.DomainFolder}/contracts/, or, if the product only re-publishes another domain's data, consume that contract through an input port instead.");
        }
    }
}
