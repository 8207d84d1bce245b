// ---
// id: contract-has-servers
// title: Contracts in service say where the data is served in production
// enforcement: advisory
// category: interoperability
// rationale: >-
//   A consumer who has read a contract next needs to connect to the data. A contract in service that names
//   no server, or only development and test ones, sends every consumer to the producer to ask, and lets
//   pipelines read from a staging copy by mistake.
// scope: contracts
// params:
//   statuses: [active, deprecated]
//   productionEnvironments: [prod, production, prd, live]
// ---
var statuses = Params.List("statuses");
var production = Params.List("productionEnvironments");
var camelBoundary = new Regex("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", RegexOptions.CultureInvariant);

// A word of the text, compared without case: 'prod', 'Production', 'eu-prod', 'snowflake_prd', 'liveDb'
// say production; 'product' or 'preprod' do not.
bool SaysProduction(string? text) =>
    text is not null && Regex.Split(camelBoundary.Replace(text, "-"), "[^A-Za-z0-9]+", RegexOptions.CultureInvariant)
        .Any(word => production.Contains(word, StringComparer.OrdinalIgnoreCase));

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

    // ODCS leaves 'environment' optional, so a server called 'production' is one too.
    if (production.Count > 0 && !contract.Servers.Any(s => SaysProduction(s.Environment) || SaysProduction(s.Name)))
    {
        var environments = string.Join(", ", contract.Servers.Select(s => $"'{s.Name}' ({s.Environment ?? "no environment"})"));
        Fail(contract, "servers", $"Data contract '{contract.Id}' is {status} but none of its servers is a production one: {environments}; add the server consumers read from with environment: {production[0]}, or set the environment of the existing one to {production[0]}.");
    }
}
