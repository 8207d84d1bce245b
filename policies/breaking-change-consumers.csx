// ---
// id: breaking-change-consumers
// title: A breaking contract change does not break the products that consume it
// enforcement: soft-mandatory
// category: lifecycle
// rationale: >-
//   A contract is a promise to its consumers. Changing it in place in a way that breaks them (a column
//   removed, a type changed, a contract deleted) breaks their pipelines on the next delivery. Either the
//   new version is published side by side, as a new contract, while consumers migrate, or the consumers
//   are changed in the same pull request, where their owners see and approve it.
// scope: contracts
// alwaysBlocks: true
// pullRequestOnly: true
// ---
if (Change is null)
{
    return;
}

foreach (var comparison in Change.ContractChanges.Where(c => c.Base is not null && c.IsBreaking))
{
    // Consumers as the base knows them: a pull request cannot hide a consumer by deleting its port.
    var providers = comparison.Base!.Providers.Select(port => port.Product.Id).ToHashSet(StringComparer.Ordinal);
    var consumers = comparison.Base.Consumers
        .Select(port => port.Product)
        .Where(product => !providers.Contains(product.Id))
        .GroupBy(product => product.Id)
        .Select(group => group.First())
        .OrderBy(product => product.Id, StringComparer.Ordinal)
        .ToList();
    var untouched = consumers.Where(product => !Change.IsChanged(product.File)).ToList();
    if (untouched.Count == 0)
    {
        continue;
    }

    var what = comparison.IsRemoved
        ? "removes it"
        : string.Join("; ", comparison.Changes.Changes.Where(c => c.Severity == ChangeSeverity.Breaking).Take(3).Select(c => c.Message));
    var list = string.Join("; ", untouched.Select(p => $"'{p.Id}' (team '{p.Team?.Id ?? p.TeamId ?? "unknown"}')"));
    var message =
        $"A breaking change to contract '{comparison.Id}' ({what}) would break {untouched.Count} consuming product(s): {list}. Publish the change as a new contract version side by side (a new file and id, such as '{NextId(comparison.Id)}') and deprecate this one, or update the consumers in this pull request with their owners' approval.";
    var firstBreak = comparison.Changes.Changes.FirstOrDefault(c => c.Severity == ChangeSeverity.Breaking && c.Head is not null);
    if (comparison.Head is { } head && firstBreak?.Head is { } at)
    {
        Fail(head, at, message);
    }
    else
    {
        Fail(comparison.Subject, "id", message);
    }
}

static string NextId(string id)
{
    var match = Regex.Match(id, @"^(?<stem>.*\.v)(?<major>[0-9]+)$");
    return match.Success && int.TryParse(match.Groups["major"].Value, out var major) ? $"{match.Groups["stem"].Value}{major + 1}" : id + ".v2";
}
