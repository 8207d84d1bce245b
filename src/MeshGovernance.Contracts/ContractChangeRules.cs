namespace MeshGovernance.Contracts;

/// <summary>One rule of the contract change classifier: its id, severity, the version bump it calls for and what triggers it.</summary>
public sealed record ContractChangeRule(string Id, ChangeSeverity Severity, VersionBump Requires, string Trigger);

/// <summary>
/// Every rule the classifier applies, in the order of the table in docs/contract-changes.md (a test keeps the
/// two in step). Breaking changes call for a major version, additions and weaker promises for a minor one,
/// wording for a patch.
/// </summary>
public static class ContractChangeRules
{
    public static IReadOnlyList<ContractChangeRule> All { get; } =
    [
        new("contract-removed", ChangeSeverity.Breaking, VersionBump.Major, "the contract is deleted, or its id changes"),
        new("status-retired", ChangeSeverity.Breaking, VersionBump.Major, "status becomes retired: the data is no longer delivered"),
        new("object-removed", ChangeSeverity.Breaking, VersionBump.Major, "a schema object (table, topic, document) is removed or renamed"),
        new("property-removed", ChangeSeverity.Breaking, VersionBump.Major, "a property is removed or renamed, at any depth (properties, items)"),
        new("logical-type-changed", ChangeSeverity.Breaking, VersionBump.Major, "logicalType changes, is added or is removed"),
        new("physical-type-changed", ChangeSeverity.Breaking, VersionBump.Major, "physicalType changes, is added or is removed"),
        new("physical-name-changed", ChangeSeverity.Breaking, VersionBump.Major, "physicalName changes: the column or table consumers query is renamed"),
        new("required-added", ChangeSeverity.Breaking, VersionBump.Major, "required turns on for an existing property"),
        new("unique-changed", ChangeSeverity.Breaking, VersionBump.Major, "unique turns on or off"),
        new("constraint-tightened", ChangeSeverity.Breaking, VersionBump.Major, "a logicalTypeOptions bound gets stricter or appears (maxLength, maximum, exclusiveMaximum, maxItems, maxProperties lowered; minLength, minimum, exclusiveMinimum, minItems, minProperties raised), pattern or format changes or appears, uniqueItems turns on, multipleOf changes"),
        new("valid-values-removed", ChangeSeverity.Breaking, VersionBump.Major, "a value leaves the validValues of a quality rule (ODCS 3.1 keeps allowed values there)"),
        new("classification-changed", ChangeSeverity.Breaking, VersionBump.Major, "classification changes or is removed: access rules built on it no longer hold"),
        new("server-removed", ChangeSeverity.Breaking, VersionBump.Major, "a server (matched by its server name) is removed"),
        new("server-location-changed", ChangeSeverity.Breaking, VersionBump.Major, "where or how a server is read changes: type, host, port, database, schema, catalog, project, dataset, location, path, topic, format and the like"),
        new("required-removed", ChangeSeverity.Warning, VersionBump.Minor, "required turns off: consumers may now receive nulls"),
        new("primary-key-changed", ChangeSeverity.Warning, VersionBump.Minor, "primaryKey or primaryKeyPosition changes"),
        new("partitioning-changed", ChangeSeverity.Warning, VersionBump.Minor, "partitioned or partitionKeyPosition changes"),
        new("constraint-loosened", ChangeSeverity.Warning, VersionBump.Minor, "a logicalTypeOptions bound gets looser or disappears: consumers may receive values they did not before"),
        new("valid-values-added", ChangeSeverity.Warning, VersionBump.Minor, "a value joins the validValues of a quality rule: consumers may receive it"),
        new("quality-removed", ChangeSeverity.Warning, VersionBump.Minor, "a quality rule is removed (matched by id or name, else by content)"),
        new("quality-changed", ChangeSeverity.Warning, VersionBump.Minor, "a quality rule with the same id or name changes"),
        new("sla-removed", ChangeSeverity.Warning, VersionBump.Minor, "an slaProperties entry (matched by property) is removed"),
        new("sla-weakened", ChangeSeverity.Warning, VersionBump.Minor, "an SLA value gets worse in the same unit (availability, retention, throughput lower; latency, frequency, errorRate higher)"),
        new("sla-changed", ChangeSeverity.Warning, VersionBump.Minor, "an SLA entry changes in a way that cannot be ranked (another unit, a non-numeric value)"),
        new("status-deprecated", ChangeSeverity.Warning, VersionBump.Minor, "status becomes deprecated: consumers should plan to move"),
        new("role-removed", ChangeSeverity.Warning, VersionBump.Minor, "an access role (matched by role) is removed"),
        new("classification-added", ChangeSeverity.Warning, VersionBump.Minor, "a property without a classification gets one: access rules built on it may now restrict consumers"),
        new("contract-added", ChangeSeverity.Info, VersionBump.Minor, "the contract is new"),
        new("object-added", ChangeSeverity.Info, VersionBump.Minor, "a schema object is added"),
        new("property-added", ChangeSeverity.Info, VersionBump.Minor, "a property is added, required or not (consumers ignore what they do not read)"),
        new("quality-added", ChangeSeverity.Info, VersionBump.Minor, "a quality rule is added"),
        new("server-added", ChangeSeverity.Info, VersionBump.Minor, "a server is added"),
        new("sla-added", ChangeSeverity.Info, VersionBump.Minor, "an slaProperties entry is added"),
        new("sla-improved", ChangeSeverity.Info, VersionBump.Patch, "an SLA value gets better in the same unit"),
        new("role-added", ChangeSeverity.Info, VersionBump.Minor, "an access role is added"),
        new("role-changed", ChangeSeverity.Info, VersionBump.Patch, "an access role's description, access or approvers change"),
        new("server-metadata-changed", ChangeSeverity.Info, VersionBump.Patch, "a server's description, environment, roles or custom properties change"),
        new("status-changed", ChangeSeverity.Info, VersionBump.Patch, "any other status change (draft to active, ...)"),
        new("team-changed", ChangeSeverity.Info, VersionBump.Patch, "the team, its members (matched by username) or their roles change"),
        new("support-changed", ChangeSeverity.Info, VersionBump.Patch, "a support channel (matched by channel) is added, removed or changed"),
        new("description-changed", ChangeSeverity.Info, VersionBump.Patch, "a description, purpose, usage, limitations or businessName changes"),
        new("metadata-changed", ChangeSeverity.Info, VersionBump.Patch, "tags, examples, authoritative definitions, custom properties, relationships, criticalDataElement or any other field changes"),
    ];

    private static readonly Dictionary<string, ContractChangeRule> ById = All.ToDictionary(r => r.Id, StringComparer.Ordinal);

    public static ContractChangeRule? Find(string id) => ById.GetValueOrDefault(id);
}
