namespace MeshGovernance.Policies.Tests.Changes;

/// <summary>
/// One edit of <see cref="Contract"/> per classifier rule: the rules the edit must produce (no more, no
/// fewer) and the path of the first. Edits are text replacements that must match, so a typo here fails loudly.
/// </summary>
internal static class ContractChangeCases
{
    public const string Contract = """
        apiVersion: v3.1.0
        kind: DataContract
        id: sales.orders.v1
        name: Orders
        version: 1.0.0
        status: active
        domain: sales
        tags: [sales, orders]
        description:
          purpose: Orders placed in the web shop.
          usage: Daily revenue.
        team:
          name: sales-team
          members:
            - username: alice
              role: owner
        roles:
          - role: orders_reader
            access: read
        support:
          - channel: "#sales-data"
            url: https://chat.example.com/sales-data
        servers:
          - server: prod
            type: postgresql
            host: db.example.com
            port: 5432
            database: shop
            schema: sales
            environment: prod
        slaProperties:
          - property: latency
            value: 4
            unit: h
          - property: availability
            value: 99.9%
        customProperties:
          - property: costCenter
            value: cc-12
          - property: tier
            value: gold
        schema:
          - name: orders
            physicalName: orders_tbl
            physicalType: table
            logicalType: object
            quality:
              - id: orders-row-count
                metric: rowCount
                mustBeGreaterThan: 0
            properties:
              - name: order_id
                logicalType: string
                physicalType: varchar(36)
                required: true
                unique: true
                primaryKey: true
                primaryKeyPosition: 1
              - name: customer_email
                logicalType: string
                classification: confidential
                logicalTypeOptions:
                  maxLength: 320
                  minLength: 3
              - name: status
                logicalType: string
                quality:
                  - name: status-values
                    metric: invalidValues
                    arguments:
                      validValues: [placed, shipped, cancelled]
                    mustBe: 0
              - name: amount
                logicalType: number
                description: Total in EUR.
              - name: ordered_at
                logicalType: date
                partitioned: true
                partitionKeyPosition: 1
              - name: lines
                logicalType: array
                items:
                  logicalType: object
                  properties:
                    - name: sku
                      logicalType: string

        """;

    /// <summary>A case: the edit to make, the rules expected (as a set) and the path of the change of the case's own rule.</summary>
    public sealed record Case(string Rule, Func<string, string> Edit, string[] Rules, string Path);

    public static IReadOnlyList<Case> All { get; } =
    [
        new("contract-removed", c => Replace(c, "id: sales.orders.v1", "id: sales.orders.v2"), ["contract-removed"], "id"),
        new("status-retired", c => Replace(c, "status: active", "status: retired"), ["status-retired"], "status"),
        new("object-removed", c => Replace(c, "  - name: orders\n", "  - name: purchases\n"), ["object-removed", "object-added"], "schema[orders]"),
        new("property-removed", c => Replace(c, "- name: amount", "- name: total"), ["property-removed", "property-added"], "schema[orders].properties[amount]"),
        new("logical-type-changed", c => Replace(c, "logicalType: number", "logicalType: string"), ["logical-type-changed"], "schema[orders].properties[amount].logicalType"),
        new("physical-type-changed", c => Replace(c, "varchar(36)", "varchar(40)"), ["physical-type-changed"], "schema[orders].properties[order_id].physicalType"),
        new("physical-name-changed", c => Replace(c, "orders_tbl", "orders_table"), ["physical-name-changed"], "schema[orders].physicalName"),
        new("required-added", c => Replace(c, "description: Total in EUR.", "description: Total in EUR.\n        required: true"), ["required-added"], "schema[orders].properties[amount].required"),
        new("unique-changed", c => Replace(c, "unique: true", "unique: false"), ["unique-changed"], "schema[orders].properties[order_id].unique"),
        new("constraint-tightened", c => Replace(c, "maxLength: 320", "maxLength: 254"), ["constraint-tightened"], "schema[orders].properties[customer_email].logicalTypeOptions.maxLength"),
        new("valid-values-removed", c => Replace(c, "[placed, shipped, cancelled]", "[placed, shipped]"), ["valid-values-removed"], "schema[orders].properties[status].quality[status-values].arguments.validValues"),
        new("classification-changed", c => Replace(c, "classification: confidential", "classification: restricted"), ["classification-changed"], "schema[orders].properties[customer_email].classification"),
        new("server-removed", c => Replace(c, "server: prod", "server: production"), ["server-removed", "server-added"], "servers[prod]"),
        new("server-location-changed", c => Replace(c, "host: db.example.com", "host: db2.example.com"), ["server-location-changed"], "servers[prod].host"),
        new("required-removed", c => Replace(c, "required: true", "required: false"), ["required-removed"], "schema[orders].properties[order_id].required"),
        new("primary-key-changed", c => Replace(c, "primaryKeyPosition: 1", "primaryKeyPosition: 2"), ["primary-key-changed"], "schema[orders].properties[order_id].primaryKeyPosition"),
        new("partitioning-changed", c => Replace(c, "partitioned: true", "partitioned: false"), ["partitioning-changed"], "schema[orders].properties[ordered_at].partitioned"),
        new("constraint-loosened", c => Replace(c, "maxLength: 320", "maxLength: 500"), ["constraint-loosened"], "schema[orders].properties[customer_email].logicalTypeOptions.maxLength"),
        new("valid-values-added", c => Replace(c, "[placed, shipped, cancelled]", "[placed, shipped, cancelled, returned]"), ["valid-values-added"], "schema[orders].properties[status].quality[status-values].arguments.validValues"),
        new("quality-removed", c => Replace(c, "    quality:\n      - id: orders-row-count\n        metric: rowCount\n        mustBeGreaterThan: 0\n", ""), ["quality-removed"], "schema[orders].quality[orders-row-count]"),
        new("quality-changed", c => Replace(c, "mustBeGreaterThan: 0", "mustBeGreaterThan: 10"), ["quality-changed"], "schema[orders].quality[orders-row-count]"),
        new("sla-removed", c => Replace(c, "  - property: latency\n    value: 4\n    unit: h\n", ""), ["sla-removed"], "slaProperties[latency]"),
        new("sla-weakened", c => Replace(c, "value: 4\n    unit: h", "value: 1\n    unit: d"), ["sla-weakened"], "slaProperties[latency].value"),
        new("sla-changed", c => Replace(c, "value: 99.9%", "value: best effort"), ["sla-changed"], "slaProperties[availability].value"),
        new("status-deprecated", c => Replace(c, "status: active", "status: deprecated"), ["status-deprecated"], "status"),
        new("role-removed", c => Replace(c, "role: orders_reader", "role: orders_viewer"), ["role-removed", "role-added"], "roles[orders_reader]"),
        new("object-added", c => c + "  - name: customers\n    logicalType: object\n", ["object-added"], "schema[customers]"),
        new("property-added", c => c + "            - name: quantity\n              logicalType: integer\n", ["property-added"], "schema[orders].properties[lines].items.properties[quantity]"),
        new("quality-added", c => Replace(c, "description: Total in EUR.", "description: Total in EUR.\n        quality:\n          - metric: nullValues\n            mustBe: 0"), ["quality-added"], "schema[orders].properties[amount].quality[#1]"),
        new("server-added", c => Replace(c, "slaProperties:", "  - server: dev\n    type: postgresql\n    host: dev.example.com\nslaProperties:"), ["server-added"], "servers[dev]"),
        new("sla-added", c => Replace(c, "customProperties:", "  - property: frequency\n    value: 1\n    unit: d\ncustomProperties:"), ["sla-added"], "slaProperties[frequency]"),
        new("sla-improved", c => Replace(c, "value: 4\n    unit: h", "value: 30\n    unit: min"), ["sla-improved"], "slaProperties[latency].value"),
        new("role-added", c => Replace(c, "support:", "  - role: orders_admin\n    access: write\nsupport:"), ["role-added"], "roles[orders_admin]"),
        new("role-changed", c => Replace(c, "access: read", "access: write"), ["role-changed"], "roles[orders_reader].access"),
        new("classification-added", c => Replace(c, "description: Total in EUR.", "description: Total in EUR.\n        classification: internal"), ["classification-added"], "schema[orders].properties[amount].classification"),
        new("server-metadata-changed", c => Replace(c, "environment: prod", "environment: production"), ["server-metadata-changed"], "servers[prod].environment"),
        new("status-changed", c => Replace(c, "status: active", "status: draft"), ["status-changed"], "status"),
        new("team-changed", c => Replace(c, "role: owner", "role: steward"), ["team-changed"], "team.members[alice].role"),
        new("support-changed", c => Replace(c, "https://chat.example.com/sales-data", "https://chat.example.com/orders"), ["support-changed"], "support[#sales-data].url"),
        new("description-changed", c => Replace(c, "purpose: Orders placed in the web shop.", "purpose: Orders placed in the web shop and the app."), ["description-changed"], "description.purpose"),
        new("metadata-changed", c => Replace(c, "tags: [sales, orders]", "tags: [sales, orders, revenue]"), ["metadata-changed"], "tags"),
    ];

    /// <summary>Replaces the only occurrence of <paramref name="old"/>; throws when there is none, or more than one.</summary>
    public static string Replace(string text, string old, string replacement)
    {
        var first = text.IndexOf(old, StringComparison.Ordinal);
        if (first < 0 || text.IndexOf(old, first + 1, StringComparison.Ordinal) >= 0)
        {
            throw new ArgumentException($"The test edit expects exactly one '{old}' in the contract.", nameof(old));
        }

        return string.Concat(text.AsSpan(0, first), replacement, text.AsSpan(first + old.Length));
    }
}
