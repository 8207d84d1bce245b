// ---
// id: deprecated-contract-has-successor
// title: Deprecated contracts name their replacement or their end date
// enforcement: soft-mandatory
// category: lifecycle
// rationale: >-
//   Deprecating a contract asks every consumer to move. They can only plan that when they know where to
//   move to and by when. A deprecated contract that names neither leaves consumers on it indefinitely, and
//   the producer can never switch it off.
// scope: contracts
// params:
//   replacementProperty: replacedBy
//   endDateProperties: [endOfSupport, endOfLife]
//   requireBoth: false
// ---
var replacementProperty = Params.String("replacementProperty");
var endDateProperties = Params.List("endDateProperties");
var requireBoth = Params.Boolean("requireBoth");
var endNames = string.Join(" or ", endDateProperties);

foreach (var contract in Mesh.Contracts.Where(c => c.Status == "deprecated"))
{
    var custom = contract.Source.GetMappings("customProperties").ToList();
    var replacement = custom.FirstOrDefault(p => p.GetString("property") == replacementProperty)?.GetString("value");

    // End dates from slaProperties (the ODCS place) or customProperties.
    var endDates = contract.SlaProperties
        .Where(p => endDateProperties.Contains(p.Property) && !string.IsNullOrWhiteSpace(p.Value))
        .Select(p => (Property: p.Property, Text: p.Value!))
        .Concat(custom
            .Where(p => endDateProperties.Contains(p.GetString("property") ?? string.Empty) && !string.IsNullOrWhiteSpace(p.GetString("value")))
            .Select(p => (Property: p.GetString("property")!, Text: p.GetString("value")!)))
        .ToList();

    // 'none' records that consumers have nowhere to move: it satisfies requireBoth, but is no successor by itself.
    var declaredNone = string.Equals(replacement?.Trim(), "none", StringComparison.OrdinalIgnoreCase);
    var hasReplacement = !string.IsNullOrWhiteSpace(replacement) && !declaredNone;
    var replacementAdvice = $"a customProperties entry '{replacementProperty}' with the id of the contract that replaces it";
    var endAdvice = $"an slaProperties entry {endNames} with the date it stops (YYYY-MM-DD)";
    if (!hasReplacement && endDates.Count == 0)
    {
        if (declaredNone)
        {
            Fail(contract, "status", $"Data contract '{contract.Id}' is deprecated and has no replacement ('{replacementProperty}: none'), so it needs an end date; add {endAdvice}, so that its {contract.Consumers.Count} consumer(s) know until when they can rely on it.");
            continue;
        }

        Fail(contract, "status", $"Data contract '{contract.Id}' is deprecated but names neither its replacement nor an end date; add {replacementAdvice}, and {endAdvice}, so that its {contract.Consumers.Count} consumer(s) can plan the move.");
        continue;
    }

    if (requireBoth && !hasReplacement && !declaredNone)
    {
        Fail(contract, "status", $"Data contract '{contract.Id}' is deprecated and has an end date but names no replacement; add {replacementAdvice} (write 'none' as the value if consumers have nowhere to move).");
    }
    else if (requireBoth && endDates.Count == 0)
    {
        Fail(contract, "status", $"Data contract '{contract.Id}' is deprecated and names its replacement but no end date; add {endAdvice}.");
    }

    if (hasReplacement)
    {
        var successor = Mesh.FindContract(replacement!.Trim());
        if (replacement.Trim() == contract.Id)
        {
            Fail(contract, "customProperties", $"Data contract '{contract.Id}' names itself as its replacement ('{replacementProperty}'); name the contract consumers should move to.");
        }
        else if (successor is null)
        {
            Fail(contract, "customProperties", $"Data contract '{contract.Id}' names '{replacement}' as its replacement, which is no contract of the mesh; name an existing contract id (such as '{SuggestedSuccessor(contract) ?? "<domain>.<name>.v<major>"}').");
        }
        else if (successor.Status != "active")
        {
            Warn(contract, "customProperties", $"Data contract '{contract.Id}' names '{successor.Id}' as its replacement, but that contract is {successor.Status ?? "without a status"}; consumers can only move once it is active.");
        }
    }

    // Every announced date has passed: the contract should be retired by now.
    var dates = endDates.Select(d => (d.Property, d.Text, Date: ParseDate(d.Text))).Where(d => d.Date is not null).ToList();
    if (dates.Count > 0 && dates.All(d => d.Date < Today))
    {
        var last = dates.OrderBy(d => d.Date).Last();
        Warn(contract, "status", $"Data contract '{contract.Id}' is still deprecated, but its {last.Property} ({last.Text}) has passed; set its status to retired and remove it from its product's output ports, or announce a new date.");
    }
}

DateOnly? ParseDate(string text) =>
    text.Length >= 10 && DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

// The same id with the next major version (orders.order-events.v1 -> orders.order-events.v2), if it exists.
string? SuggestedSuccessor(DataContract contract)
{
    var m = Regex.Match(contract.Id, @"^(.*\.v)([0-9]+)$");
    if (!m.Success || !int.TryParse(m.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var major) || major == int.MaxValue)
    {
        return null;
    }

    var next = m.Groups[1].Value + (major + 1).ToString(CultureInfo.InvariantCulture);
    return Mesh.FindContract(next)?.Id;
}
