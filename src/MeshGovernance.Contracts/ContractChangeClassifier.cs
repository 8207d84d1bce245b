using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Contracts;

/// <summary>
/// Compares two versions of an ODCS contract and classifies every difference by the rules of
/// <see cref="ContractChangeRules"/>. List items are matched by their natural keys (schema objects and
/// properties by name, servers by server, SLA entries by property, roles by role, support by channel, team
/// members by username, custom properties by property), so reordering a list is not a change and a renamed
/// item is a removal plus an addition. Any shape of input is accepted: what schema validation rejects is
/// compared as far as it can be, never thrown on.
/// </summary>
public static class ContractChangeClassifier
{
    /// <param name="before">The contract's top-level mapping at the base revision; null when the change adds it.</param>
    /// <param name="after">The contract's top-level mapping at the head revision; null when the change removes it.</param>
    public static ContractChangeSet Compare(SourceMapping? before, SourceMapping? after)
    {
        var diff = new ContractDiff();
        switch (before, after)
        {
            case (null, null):
                break;
            case (null, { } added):
                diff.Add("contract-added", "", $"contract '{added.GetString("id") ?? added.GetString("name") ?? "?"}' is added", null, added);
                break;
            case ({ } removed, null):
                diff.Add("contract-removed", "", $"contract '{removed.GetString("id") ?? removed.GetString("name") ?? "?"}' is removed: every consumer loses it", removed, null);
                break;
            case ({ } b, { } h):
                diff.CompareContracts(b, h);
                break;
        }

        return new ContractChangeSet(diff.Changes.AsReadOnly(), before?.GetString("version"), after?.GetString("version"));
    }
}
