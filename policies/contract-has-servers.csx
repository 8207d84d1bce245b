// ---
// id: contract-has-servers
// title: Contracts in service say where the data is served in production
// enforcement: soft-mandatory
// category: interoperability
// rationale: >-
//   A consumer who has read a contract next needs to connect to the data. A contract in service that names
//   no server, or only development and test ones, sends every consumer to the producer to ask, and lets
//   pipelines read from a staging copy by mistake.
// scope: contracts
// params:
//   statuses: [active, deprecated]
//   productionEnvironments: [prod, production]
// ---
var statuses = Params.List("statuses");
var production = Params.List("productionEnvironments");

foreach (var contract in Mesh.Contracts)
{
    if (contract.Status is not { } status || !statuses.Contains(status))
    {
        continue;
    }

    if (contract.Servers.Count == 0)
    {
        Fail(contract, "servers", $"Data contract '{contract.Id}' is {status} but names no server; add 'servers' with the {(production.Count > 0 ? production[0] : "production")} server consumers read from (its type, environment and connection details).");
        continue;
    }

    if (production.Count > 0 && !contract.Servers.Any(s => s.Environment is { } env && production.Contains(env, StringComparer.OrdinalIgnoreCase)))
    {
        var environments = string.Join(", ", contract.Servers.Select(s => $"'{s.Name}' ({s.Environment ?? "no environment"})"));
        Fail(contract, "servers", $"Data contract '{contract.Id}' is {status} but none of its servers is a production one: {environments}; add the server consumers read from with environment: {production[0]}, or set the environment of the existing one.");
    }
}
