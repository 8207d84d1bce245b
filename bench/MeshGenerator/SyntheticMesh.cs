using System.Globalization;
using System.Text;

namespace MeshGovernance.Bench;

/// <summary>
/// A synthetic mesh shaped like a real one, for benchmarks: one domain per 20 products (of the three kinds),
/// a team per domain, one contract per product with 20–60 properties in one to three schema objects (PII
/// classified, keys with quality rules), SLAs, servers, support, and consumer edges to up to three contracts
/// of earlier products in other domains (so the graph has no cycles). Deterministic for a seed.
/// </summary>
public static class SyntheticMesh
{
    public sealed record Statistics(int Files, long Bytes, int Domains, int Products, int Contracts, int Properties, int ConsumerEdges);

    private static readonly string[] DomainTypes = ["source-aligned", "aggregate", "consumer-aligned"];

    private static readonly (string Name, string Type, string? Classification)[] Vocabulary =
    [
        ("created_at", "timestamp", "internal"), ("updated_at", "timestamp", "internal"), ("status", "string", "internal"),
        ("amount", "number", "internal"), ("currency", "string", "public"), ("quantity", "integer", "internal"),
        ("country_code", "string", "internal"), ("channel", "string", "internal"), ("sku", "string", "public"),
        ("category", "string", "public"), ("description", "string", "public"), ("score", "number", "confidential"),
        ("email", "string", "restricted"), ("phone_number", "string", "restricted"), ("first_name", "string", "restricted"),
        ("last_name", "string", "restricted"), ("birth_date", "date", "restricted"), ("postal_code", "string", "confidential"),
        ("ip_address", "string", "restricted"), ("is_active", "boolean", "internal"), ("valid_from", "date", "internal"),
        ("valid_to", "date", "internal"), ("discount_rate", "number", "internal"), ("weight_grams", "integer", "public"),
        ("warehouse_code", "string", "internal"), ("campaign_code", "string", "internal"), ("segment", "string", "confidential"),
        ("revenue", "number", "confidential"), ("margin", "number", "restricted"), ("notes", "string", "internal"),
    ];

    public static Statistics Write(string root, int productCount, int seed)
    {
        var random = new Random(seed);
        var domainCount = Math.Max(1, (productCount + 19) / 20);
        var files = 0;
        long bytes = 0;
        var properties = 0;
        var edges = 0;

        void Save(string relative, string text)
        {
            var path = Path.Combine(root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
            files++;
            bytes += Encoding.UTF8.GetByteCount(text);
        }

        Save("mesh.yaml", "apiVersion: meshgov/v1\nkind: Mesh\nname: synthetic\ntitle: Synthetic benchmark mesh\ngovernance:\n  team: data-governance\n");
        Save("teams/data-governance.yaml", Team("data-governance", "Data Governance"));
        for (var d = 0; d < domainCount; d++)
        {
            var domain = DomainId(d);
            Save($"teams/{domain}-team.yaml", Team($"{domain}-team", $"Team of {domain}"));
            Save($"domains/{domain}/domain.yaml", Invariant(
                $"apiVersion: meshgov/v1\nkind: Domain\nid: {domain}\nname: Domain {d}\ntype: {DomainTypes[d % 3]}\nowner: {domain}-team\ndescription: Synthetic domain number {d}.\ntags: [synthetic]\n"));
        }

        for (var i = 0; i < productCount; i++)
        {
            var d = i % domainCount;
            var domain = DomainId(d);
            var product = ProductId(i, domainCount);
            var inputs = new List<string>();
            for (var k = random.Next(0, 4); k > 0 && i > domainCount; k--)
            {
                var upstream = random.Next(0, i);
                if (upstream % domainCount != d)
                {
                    inputs.Add(ProductId(upstream, domainCount) + ".v1");
                }
            }

            inputs = inputs.Distinct().ToList();
            edges += inputs.Count;
            Save($"domains/{domain}/products/product-{i:D5}.odps.yaml", Product(product, domain, inputs));
            var (contract, count) = Contract(product, domain, random);
            properties += count;
            Save($"domains/{domain}/contracts/product-{i:D5}.odcs.yaml", contract);
        }

        return new Statistics(files, bytes, domainCount, productCount, productCount, properties, edges);
    }

    private static string DomainId(int d) => $"domain-{d:D4}";

    private static string ProductId(int i, int domains) => $"{DomainId(i % domains)}.product-{i:D5}";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Team(string id, string name) => Invariant($"""
        apiVersion: meshgov/v1
        kind: Team
        id: {id}
        name: {name}
        githubTeam: synthetic/{id}
        contact:
          email: {id}@synthetic.example
        members:
          - username: {id}-lead
            role: lead
          - username: {id}-engineer
            role: engineer
          - username: {id}-steward
            role: data steward

        """);

    private static string Product(string id, string domain, List<string> inputs)
    {
        var text = new StringBuilder(Invariant($"""
            apiVersion: v1.0.0
            kind: DataProduct
            id: {id}
            name: {id[(id.IndexOf('.') + 1)..]}
            version: 1.0.0
            status: active
            domain: {domain}
            description:
              purpose: Synthetic data product {id}, published for the benchmark.
              usage: Read it through its output port.
            tags: [synthetic]
            team:
              name: {domain}-team
            support:
              - channel: "#{domain}"
                url: https://chat.synthetic.example/{domain}
                tool: slack

            """));
        if (inputs.Count > 0)
        {
            text.Append("inputPorts:\n");
            foreach (var input in inputs)
            {
                text.Append(Invariant($"  - name: {input.Replace('.', '-')}\n    version: 1.0.0\n    contractId: {input}\n"));
            }
        }

        text.Append(Invariant($"outputPorts:\n  - name: main\n    version: 1.0.0\n    type: tables\n    contractId: {id}.v1\n"));
        return text.ToString();
    }

    private static (string Text, int Properties) Contract(string product, string domain, Random random)
    {
        var id = product + ".v1";
        var total = random.Next(20, 61);
        var objects = random.Next(1, 4);
        var text = new StringBuilder(Invariant($"""
            apiVersion: v3.1.0
            kind: DataContract
            id: {id}
            name: {product[(product.IndexOf('.') + 1)..]}
            version: 1.0.0
            status: active
            domain: {domain}
            description:
              purpose: Synthetic contract of {product}.
              usage: Join on the primary key.
              limitations: Synthetic data only.
            tags: [synthetic]
            team:
              name: {domain}-team
            schema:

            """));
        var written = 0;
        for (var o = 0; o < objects; o++)
        {
            var count = o == objects - 1 ? total - written : total / objects;
            text.Append(Invariant($"""
                  - name: table_{o}
                    physicalName: {domain.Replace('-', '_')}_table_{o}
                    physicalType: table
                    logicalType: object
                    description: Table {o} of the synthetic contract.
                    properties:
                      - name: id
                        logicalType: string
                        physicalType: varchar(36)
                        required: true
                        unique: true
                        primaryKey: true
                        criticalDataElement: true
                        classification: internal
                        description: Identifier of the row.
                        quality:
                          - type: library
                            metric: nullValues
                            mustBe: 0

                """));
            for (var p = 1; p < count; p++)
            {
                var (name, type, classification) = Vocabulary[(p + o * 7 + random.Next(0, 3)) % Vocabulary.Length];
                text.Append(Invariant($"""
                          - name: {name}_{p}
                            logicalType: {type}
                            physicalType: {PhysicalType(type)}
                            required: {(p % 3 == 0 ? "true" : "false")}
                            classification: {classification}
                            description: Synthetic {type} column {p}.

                    """));
            }

            written += count;
        }

        text.Append(Invariant($"""
            servers:
              - server: production
                type: postgres
                environment: prod
                host: db.synthetic.example
                port: 5432
                database: {domain.Replace('-', '_')}
                schema: public
            slaProperties:
              - property: frequency
                value: 1
                unit: d
              - property: latency
                value: 4
                unit: h
              - property: retention
                value: 1
                unit: y
            support:
              - channel: "#{domain}"
                url: https://chat.synthetic.example/{domain}
                tool: slack

            """));
        return (text.ToString(), total);
    }

    private static string PhysicalType(string logicalType) => logicalType switch
    {
        "string" => "text",
        "number" => "numeric(12,2)",
        "integer" => "bigint",
        "boolean" => "boolean",
        "date" => "date",
        _ => "timestamptz",
    };
}
