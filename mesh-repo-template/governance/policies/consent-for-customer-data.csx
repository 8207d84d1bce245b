// ---
// id: consent-for-customer-data
// title: Consumer-aligned products that use customer personal data also consume the consents
// enforcement: hard-mandatory
// category: privacy
// rationale: >-
//   GDPR: marketing may only use a customer's data for what that customer agreed to. A consumer-aligned
//   product that reads personal data from the customers domain must also read the consent records, so it
//   can honour opt-outs; the data protection steward asked for this rule after the 2026 audit.
// scope: products
// params:
//   personalDataDomain: customers
//   consentContract: customers.customer-consents.v1
//   domainTypes: [consumer-aligned]
// ---
var personalDataDomain = Params.String("personalDataDomain");
var consentContract = Params.String("consentContract");
var domainTypes = Params.List("domainTypes");

foreach (var product in Mesh.Products.Where(p => p.Domain?.Type is { } type && domainTypes.Contains(type)))
{
    var personal = product.InputPorts
        .Where(port => port.Contract is { } contract && contract.Domain?.Id == personalDataDomain && HoldsPersonalData(contract))
        .ToList();
    if (personal.Count == 0 || product.InputPorts.Any(port => port.ContractId == consentContract))
    {
        continue;
    }

    foreach (var port in personal)
    {
        Fail(port, "contractId",
            $"Product '{product.Id}' reads personal data from '{port.ContractId}' but does not consume '{consentContract}'; add an input port for the consents and filter on them.");
    }
}

static bool HoldsPersonalData(DataContract contract) =>
    contract.AllElements().Any(e => e.Classification is "restricted" || e.Tags.Contains("pii"));
