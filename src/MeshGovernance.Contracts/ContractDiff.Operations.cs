using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Contracts;

internal sealed partial class ContractDiff
{
    // Server fields that describe the server rather than where and how consumers read it.
    private static readonly HashSet<string> ServerMetadataKeys = ["id", "description", "environment", "roles", "customProperties"];

    private void CompareServers(SourceNode? b, SourceNode? h, SourceMapping contract) =>
        CompareItems(b, h, m => m.GetString("server"),
            new ListRules("servers", "server-location-changed",
                "server-added", (key, _) => $"server '{key}' is added",
                "server-removed", (key, _) => $"server '{key}' is removed: consumers reading it lose their data"),
            contract,
            (key, path, x, y) =>
            {
                foreach (var field in UnionOfKeys(x, y).Where(k => k != "server"))
                {
                    if (field == "roles")
                    {
                        CompareRoles(x[field], y[field], $"{path}.roles", role => $"role '{role}' of server '{key}'", y, "server-metadata-changed");
                    }
                    else
                    {
                        var rule = ServerMetadataKeys.Contains(field) ? "server-metadata-changed" : "server-location-changed";
                        CompareValue(rule, $"{path}.{field}", $"{field} of server '{key}'", x[field], y[field], y);
                    }
                }
            });

    /// <summary>Access roles, matched by role. Top-level roles have rules of their own; a server's roles are server metadata.</summary>
    private void CompareRoles(SourceNode? b, SourceNode? h, string listPath, Func<string, string> describe, SourceMapping headParent, string? rule = null) =>
        CompareItems(b, h, m => m.GetString("role"),
            new ListRules(listPath, rule ?? "role-changed",
                rule ?? "role-added", (key, _) => $"{describe(key)} is added",
                rule ?? "role-removed", (key, _) => $"{describe(key)} is removed: who had access through it loses it"),
            headParent,
            (key, path, x, y) =>
            {
                foreach (var field in UnionOfKeys(x, y).Where(k => k != "role"))
                {
                    CompareValue(rule ?? "role-changed", $"{path}.{field}", $"{field} of {describe(key)}", x[field], y[field], y);
                }
            });

    // An SLA property may be stated once per element (`latency` of two tables) and per driver (an operational
    // and a regulatory `timeOfAvailability`), so both are part of the key. ODCS v3.0 wrote the element as `column`.
    private void CompareSla(SourceNode? b, SourceNode? h, SourceMapping contract) =>
        CompareItems(b, h,
            m => m.GetString("property") is { } property
                ? property + ((m.GetString("element") ?? m.GetString("column")) is { } element ? "@" + element : "") + (m.GetString("driver") is { } driver ? "/" + driver : "")
                : null,
            new ListRules("slaProperties", "sla-changed",
                "sla-added", (key, y) => $"SLA '{key}' is added: {SlaValue.Describe(y)}",
                "sla-removed", (key, x) => $"SLA '{key}' is removed (was {SlaValue.Describe(x)})"),
            contract,
            (key, path, x, y) => CompareSlaEntry(path, key, x, y));

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

        foreach (var field in UnionOfKeys(b, h).Where(k => k is not "property" and not "element" and not "column" and not "driver" and not "value" and not "valueExt" and not "unit"))
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

        CompareItems(MembersOf(b), MembersOf(h), m => m.GetString("username"),
            new ListRules("team.members", "team-changed",
                "team-changed", (key, y) => $"team member '{key}' joins{RoleOf(y)}",
                "team-changed", (key, _) => $"team member '{key}' leaves"),
            h as SourceMapping ?? contract,
            (key, path, x, y) =>
            {
                foreach (var field in UnionOfKeys(x, y).Where(k => k != "username"))
                {
                    CompareValue("team-changed", $"{path}.{field}", $"{field} of team member '{key}'", x[field], y[field], y);
                }
            });
    }

    private static string RoleOf(SourceMapping member) => member.GetString("role") is { } role ? $" as {role}" : "";

    /// <summary>Support channels, matched by channel.</summary>
    private void CompareSupport(SourceNode? b, SourceNode? h, SourceMapping contract) =>
        CompareItems(b, h, m => m.GetString("channel"),
            new ListRules("support", "support-changed",
                "support-changed", (key, _) => $"support channel '{key}' is added",
                "support-changed", (key, _) => $"support channel '{key}' is removed"),
            contract,
            (key, path, x, y) =>
            {
                foreach (var field in UnionOfKeys(x, y).Where(k => k != "channel"))
                {
                    CompareValue("support-changed", $"{path}.{field}", $"{field} of support channel '{key}'", x[field], y[field], y);
                }
            });
}
