// ---
// id: consumers-use-usable-contracts
// title: Products only consume contracts that are in service
// enforcement: hard-mandatory
// category: lifecycle
// rationale: >-
//   A draft or proposed contract may still change or never be published, and a retired one is no longer
//   delivered. A product in service that reads such a contract breaks as soon as its producer exercises
//   that freedom, and the producer has not agreed to support it. Consuming a deprecated contract still
//   works, but has an end date, so it is flagged for migration.
// scope: products
// params:
//   usableStatuses: [active, deprecated]
//   draftConsumerStatuses: [proposed, draft]
// ---
var usable = Params.List("usableStatuses");
var draftConsumers = Params.List("draftConsumerStatuses");

foreach (var product in Mesh.Products)
{
    if (product.Status == "retired")
    {
        continue;
    }

    foreach (var port in product.InputPorts)
    {
        // A contractId naming no contract is reported by the validator (MG1203).
        if (port.Contract is not { } contract)
        {
            continue;
        }

        var portName = port.Name.Length > 0 ? $"input port '{port.Name}'" : "an input port";
        var owner = contract.TeamId is { } team ? $"team '{team}'" : "its owners";
        if (contract.Status is not { } status || !usable.Contains(status))
        {
            var state = contract.Status is null ? "has no status" : $"is {contract.Status}";
            var why = contract.Status switch
            {
                "draft" or "proposed" => "it may still change or never be published",
                "retired" => "it is no longer delivered",
                _ => $"only contracts that are {string.Join(" or ", usable)} are in service",
            };
            var advice = contract.Status is "retired"
                ? (ReplacedBy(contract) is { } successor ? $"move to '{successor}', which replaced it, or remove the port" : "move to the contract that replaced it, or remove the port")
                : $"wait until {owner} makes it {usable.FirstOrDefault() ?? "active"}, or agree with them to do so first";
            var message = $"Data product '{product.Id}' consumes the contract '{contract.Id}' through {portName}, but the contract {state}: {why}. {char.ToUpperInvariant(advice[0])}{advice[1..]}.";
            if (product.Status is { } own && draftConsumers.Contains(own))
            {
                Warn(port, "contractId", message + $" (A warning only while '{product.Id}' is {own}.)");
            }
            else
            {
                Fail(port, "contractId", message);
            }
        }
        else if (status == "deprecated")
        {
            Warn(port, "contractId", $"Data product '{product.Id}' consumes the deprecated contract '{contract.Id}' through {portName}; plan the move{(ReplacedBy(contract) is { } successor ? $" to '{successor}'" : string.Empty)} before it reaches its end of life{EndOfLife(contract)}.");
        }
    }
}

// The successor named by deprecated-contract-has-successor's convention ('none' names no successor).
string? ReplacedBy(DataContract contract) =>
    contract.Source.GetMappings("customProperties").FirstOrDefault(p => p.GetString("property") == "replacedBy")?.GetString("value")?.Trim() is { Length: > 0 } id
        && !id.Equals("none", StringComparison.OrdinalIgnoreCase) ? id : null;

string EndOfLife(DataContract contract)
{
    var date = contract.SlaProperties.FirstOrDefault(p => p.Property == "endOfLife")?.Value;
    return date is null ? string.Empty : $" ({date})";
}
