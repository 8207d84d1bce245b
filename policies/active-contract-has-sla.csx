// ---
// id: active-contract-has-sla
// title: Active data contracts promise service levels and name a support channel
// enforcement: advisory
// category: reliability
// rationale: >-
//   Consumers of an active contract plan their own processes around it: when new data arrives, how long it
//   is kept, whom to call when it is late. A contract without service levels leaves them guessing, and one
//   without a support channel leaves them nowhere to go when something breaks.
// scope: contracts
// params:
//   statuses: [active]
//   timelinessProperties: [frequency, freshness, latency, timeOfAvailability]
//   requiredProperties: []
// ---
var statuses = Params.List("statuses");
var timeliness = Params.List("timelinessProperties");
var required = Params.List("requiredProperties");

string Quoted(IEnumerable<string> names) => string.Join(", ", names.Select(n => "'" + n + "'"));

foreach (var contract in Mesh.Contracts)
{
    if (contract.Status is not { } status || !statuses.Contains(status))
    {
        continue;
    }

    if (contract.SlaProperties.Count == 0)
    {
        var examples = timeliness.Concat(required).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var what = timeliness.Count > 0
            ? $"at least one of {string.Join(", ", timeliness)}{(required.Count > 0 ? ", and " + string.Join(", ", required) : string.Empty)}"
            : required.Count > 0 ? $"at least {string.Join(", ", required)}" : "such as frequency, latency or retention";
        Fail(contract, "slaProperties", $"Data contract '{contract.Id}' is {status} but promises no service levels; add slaProperties ({what}) so consumers know when data arrives and how long it is kept.");
    }
    else
    {
        var declared = contract.SlaProperties.Select(p => p.Property).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (timeliness.Count > 0 && !timeliness.Any(declared.Contains))
        {
            Fail(contract, "slaProperties", $"Data contract '{contract.Id}' is {status} but its slaProperties do not say when data arrives (none of {Quoted(timeliness)}); add one, such as '- property: {timeliness[0]}' with a value and a unit.");
        }

        var missing = required.Where(r => !declared.Contains(r)).ToList();
        if (missing.Count > 0)
        {
            Fail(contract, "slaProperties", $"Data contract '{contract.Id}' is {status} but its slaProperties lack {Quoted(missing)}, which this mesh requires of every {status} contract; add {(missing.Count == 1 ? "it" : "them")}, such as '- property: {missing[0]}' with a value and a unit.");
        }
    }

    if (contract.Support.Count == 0)
    {
        Fail(contract, "support", $"Data contract '{contract.Id}' is {status} but names no support channel; add 'support' with at least one channel (a chat channel, mailbox or ticket queue) where consumers get help.");
    }
}
