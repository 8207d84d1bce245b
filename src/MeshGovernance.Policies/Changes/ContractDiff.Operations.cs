using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Policies.Changes;

internal sealed partial class ContractDiff
{
    // Server fields that describe the server rather than where and how consumers read it.
    private static readonly HashSet<string> ServerMetadataKeys = ["id", "description", "environment", "roles", "customProperties"];

    private void CompareServers(SourceNode? b, SourceNode? h, SourceMapping contract)
    {
        if (ComparedWhole("server-location-changed", "servers", "servers", b, h, contract))
        {
            return;
        }

        var before = SourceNodes.Keyed(b, m => m.GetString("server"));
        var after = SourceNodes.Keyed(h, m => m.GetString("server"));
        foreach (var (key, x, y) in SourceNodes.Match(before, after))
        {
            var path = $"servers[{key}]";
            switch (x, y)
            {
                case (null, not null):
                    Add("server-added", path, $"server '{key}' is added", null, y);
                    break;
                case (not null, null):
                    Add("server-removed", path, $"server '{key}' is removed: consumers reading it lose their data", x, null, h ?? contract);
                    break;
                case (not null, not null):
                    foreach (var field in UnionOfKeys(x, y).Where(k => k != "server"))
                    {
                        if (field == "roles")
                        {
                            var server = key;
                            CompareRoles(x[field], y[field], $"{path}.roles", role => $"role '{role}' of server '{server}'", y, "server-metadata-changed");
                        }
                        else
                        {
                            var rule = ServerMetadataKeys.Contains(field) ? "server-metadata-changed" : "server-location-changed";
                            CompareValue(rule, $"{path}.{field}", $"{field} of server '{key}'", x[field], y[field], y);
                        }
                    }

                    break;
            }
        }
    }

    /// <summary>Access roles, matched by role. Top-level roles have rules of their own; a server's roles are server metadata.</summary>
    private void CompareRoles(SourceNode? b, SourceNode? h, string listPath, Func<string, string> describe, SourceMapping headParent, string? rule = null)
    {
        if (ComparedWhole(rule ?? "role-changed", listPath, listPath, b, h, headParent))
        {
            return;
        }

        var before = SourceNodes.Keyed(b, m => m.GetString("role"));
        var after = SourceNodes.Keyed(h, m => m.GetString("role"));
        foreach (var (key, x, y) in SourceNodes.Match(before, after))
        {
            var path = $"{listPath}[{key}]";
            switch (x, y)
            {
                case (null, not null):
                    Add(rule ?? "role-added", path, $"{describe(key)} is added", null, y);
                    break;
                case (not null, null):
                    Add(rule ?? "role-removed", path, $"{describe(key)} is removed: who had access through it loses it", x, null, h ?? headParent);
                    break;
                case (not null, not null):
                    foreach (var field in UnionOfKeys(x, y).Where(k => k != "role"))
                    {
                        CompareValue(rule ?? "role-changed", $"{path}.{field}", $"{field} of {describe(key)}", x[field], y[field], y);
                    }

                    break;
            }
        }
    }

    private void CompareSla(SourceNode? b, SourceNode? h, SourceMapping contract)
    {
        if (ComparedWhole("sla-changed", "slaProperties", "slaProperties", b, h, contract))
        {
            return;
        }

        // An SLA property may be stated once per element (`latency` of two tables) and per driver (an
        // operational and a regulatory `timeOfAvailability`), so both are part of the key.
        static string? KeyOf(SourceMapping m) => m.GetString("property") is { } property
            ? property + (m.GetString("element") is { } element ? "@" + element : "") + (m.GetString("driver") is { } driver ? "/" + driver : "")
            : null;

        var before = SourceNodes.Keyed(b, KeyOf);
        var after = SourceNodes.Keyed(h, KeyOf);
        foreach (var (key, x, y) in SourceNodes.Match(before, after))
        {
            var path = $"slaProperties[{key}]";
            switch (x, y)
            {
                case (null, not null):
                    Add("sla-added", path, $"SLA '{key}' is added: {SlaValue.Describe(y)}", null, y);
                    break;
                case (not null, null):
                    Add("sla-removed", path, $"SLA '{key}' is removed (was {SlaValue.Describe(x)})", x, null, h ?? contract);
                    break;
                case (not null, not null):
                    CompareSlaEntry(path, key, x, y);
                    break;
            }
        }
    }

    private void CompareSlaEntry(string path, string key, SourceMapping b, SourceMapping h)
    {
        var valueChanged = !SourceNodes.Equivalent(b["value"], h["value"]) || !SourceNodes.Equivalent(b["valueExt"], h["valueExt"])
            || !string.Equals(b.GetString("unit"), h.GetString("unit"), StringComparison.OrdinalIgnoreCase);
        if (valueChanged)
        {
            var order = SlaValue.Compare(b.GetString("property") ?? key, b, h);
            // The same value in other units is no change; an equal value with a different valueExt is one.
            var sameValue = order == 0 && SourceNodes.Equivalent(b["valueExt"], h["valueExt"]);
            var rule = order switch
            {
                < 0 => "sla-weakened",
                > 0 => "sla-improved",
                0 when sameValue => null,
                _ => "sla-changed",
            };
            if (rule is not null)
            {
                var verb = rule switch { "sla-weakened" => "weakens", "sla-improved" => "improves", _ => "changes" };
                Add(rule, $"{path}.value", $"SLA '{key}' {verb} from {SlaValue.Describe(b)} to {SlaValue.Describe(h)}", b["value"] ?? b, h["value"] ?? h, h);
            }
        }

        foreach (var field in UnionOfKeys(b, h).Where(k => k is not "property" and not "element" and not "driver" and not "value" and not "valueExt" and not "unit"))
        {
            var rule = field == "description" ? "description-changed" : "metadata-changed";
            CompareValue(rule, $"{path}.{field}", $"{field} of SLA '{key}'", b[field], h[field], h);
        }
    }

    /// <summary>The team: ODCS 3.1's object with <c>members</c>, or 3.0's list of members. Members are matched by username.</summary>
    private void CompareTeam(SourceNode? b, SourceNode? h, SourceMapping contract)
    {
        static SourceNode? MembersOf(SourceNode? team) => team is SourceMapping m ? m["members"] : team;

        if (b is SourceMapping x && h is SourceMapping y)
        {
            foreach (var field in UnionOfKeys(x, y).Where(k => k != "members"))
            {
                CompareValue("team-changed", $"team.{field}", $"team {field}", x[field], y[field], y);
            }
        }
        else if (b is SourceScalar { IsNull: false } || h is SourceScalar { IsNull: false })
        {
            CompareValue("team-changed", "team", "team", b, h, contract);
            return;
        }

        if (ComparedWhole("team-changed", "team.members", "team members", MembersOf(b), MembersOf(h), h as SourceMapping ?? contract))
        {
            return;
        }

        var before = SourceNodes.Keyed(MembersOf(b), m => m.GetString("username"));
        var after = SourceNodes.Keyed(MembersOf(h), m => m.GetString("username"));
        foreach (var (key, m, n) in SourceNodes.Match(before, after))
        {
            var path = $"team.members[{key}]";
            switch (m, n)
            {
                case (null, not null):
                    Add("team-changed", path, $"team member '{key}' joins{RoleOf(n)}", null, n);
                    break;
                case (not null, null):
                    Add("team-changed", path, $"team member '{key}' leaves", m, null, h as SourceMapping ?? contract);
                    break;
                case (not null, not null):
                    foreach (var field in UnionOfKeys(m, n).Where(k => k != "username"))
                    {
                        CompareValue("team-changed", $"{path}.{field}", $"{field} of team member '{key}'", m[field], n[field], n);
                    }

                    break;
            }
        }
    }

    private static string RoleOf(SourceMapping member) => member.GetString("role") is { } role ? $" as {role}" : "";

    /// <summary>Support channels, matched by channel.</summary>
    private void CompareSupport(SourceNode? b, SourceNode? h, SourceMapping contract)
    {
        if (ComparedWhole("support-changed", "support", "support", b, h, contract))
        {
            return;
        }

        var before = SourceNodes.Keyed(b, m => m.GetString("channel"));
        var after = SourceNodes.Keyed(h, m => m.GetString("channel"));
        foreach (var (key, x, y) in SourceNodes.Match(before, after))
        {
            var path = $"support[{key}]";
            switch (x, y)
            {
                case (null, not null):
                    Add("support-changed", path, $"support channel '{key}' is added", null, y);
                    break;
                case (not null, null):
                    Add("support-changed", path, $"support channel '{key}' is removed", x, null, h ?? contract);
                    break;
                case (not null, not null):
                    foreach (var field in UnionOfKeys(x, y).Where(k => k != "channel"))
                    {
                        CompareValue("support-changed", $"{path}.{field}", $"{field} of support channel '{key}'", x[field], y[field], y);
                    }

                    break;
            }
        }
    }
}
