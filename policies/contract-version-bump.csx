// ---
// id: contract-version-bump
// title: A changed contract's version says what kind of change it is
// enforcement: soft-mandatory
// category: versioning
// rationale: >-
//   Consumers read a contract's version to decide whether they can take a change without looking: a patch
//   fixes wording, a minor adds, a major breaks. A breaking change published as a minor or patch version
//   breaks consumers who trusted that promise; an addition without a new minor version goes unnoticed.
// scope: contracts
// alwaysBlocks: true
// pullRequestOnly: true
// ---
if (Change is null)
{
    return;
}

foreach (var comparison in Change.ContractChanges.Where(c => c.Base is not null && c.Head is not null))
{
    var changes = comparison.Changes;
    if (changes.Changes.Count == 0)
    {
        continue;
    }

    var head = comparison.Head!;
    var from = changes.BaseVersion ?? "(none)";
    var to = changes.HeadVersion ?? "(none)";
    var bump = changes.VersionBump;
    var required = changes.RequiredBump;
    if (bump == VersionBump.Unparseable)
    {
        // contract-version-semver reports versions that are not semantic versions.
        continue;
    }

    if (bump == VersionBump.Downgrade)
    {
        Fail(head, "version", $"Contract '{head.Id}' goes from version {from} back to {to}; a changed contract gets a higher version than the one consumers know.");
        continue;
    }

    // Wording-only changes are left to the team: only additions and breaking changes must be announced.
    if (required >= VersionBump.Minor && bump < required)
    {
        // The changes that call for the bump: the breaking ones for a major, additions and weaker promises for a minor.
        var reasons = changes.Changes.Where(c => c.Requires >= required).ToList();
        var kind = required == VersionBump.Major
            ? "breaking changes, which need a new major version"
            : "additions or weaker promises, which need at least a new minor version";
        var more = reasons.Count > 3 ? $" (and {reasons.Count - 3} more; 'meshgov diff' lists them)" : string.Empty;
        Fail(head, "version", $"Contract '{head.Id}' has {kind}, but its version goes from {from} to {to}: {string.Join("; ", reasons.Take(3).Select(c => c.Message))}{more}.");
    }
}
