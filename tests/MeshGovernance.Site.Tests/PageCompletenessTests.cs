using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using MeshGovernance.Model.Graph;
using MeshGovernance.Model.Loading;
using MeshGovernance.Model.Yaml;
using MeshGovernance.Testing;

namespace MeshGovernance.Site.Tests;

/// <summary>
/// Every value a product or contract file holds is on its page outside the raw YAML, and each page links a copy of
/// its file. The rule, for every scalar leaf of the file (each item of a list included):
/// <list type="bullet">
/// <item>The page's text is the text content of <c>main</c> with the raw-YAML block (<c>details.raw-yaml</c>) removed,
/// with all whitespace removed; values are compared with all whitespace removed, case-sensitively.</item>
/// <item>A string or number is shown when the value as written, or its Markdown rendered as plain text (for the
/// descriptions the page renders as Markdown), is in that text. Structure such as <c>apiVersion</c> and <c>kind</c>
/// counts too: "ODCS v3.1.0 · DataContract".</item>
/// <item>A leaf of a schema object or property (directly, or in a list or mapping under it, but not in its quality
/// rules, which have their own section) must be in the rendering of that element: the elements whose
/// <c>data-schema-path</c> is its dotted path, not merely somewhere on the page.</item>
/// <item>A boolean flag of a schema element (<c>required</c>, <c>primaryKey</c>, <c>unique</c>,
/// <c>criticalDataElement</c>, <c>partitioned</c>) must be one of the element's flags in words: "required" or
/// "optional", else the flag's words or "not" and its words ("critical data element", "not unique"). Any other
/// boolean is written as it is in the file ("true"): after its label when it is a key's value (the label being the
/// key, or for the value of a custom property, the property's name: "timezone true", "financeApproved true"), alone
/// when it is an item of a list (an example).</item>
/// <item>Nulls are not checked: there is nothing to show.</item>
/// </list>
/// </summary>
public sealed class PageCompletenessTests : IClassFixture<TemplatePages>
{
    private static readonly Dictionary<string, string> FlagWords = new(StringComparer.Ordinal)
    {
        ["primaryKey"] = "primary key",
        ["unique"] = "unique",
        ["criticalDataElement"] = "critical data element",
        ["partitioned"] = "partitioned",
    };

    private readonly TemplatePages _pages;

    public PageCompletenessTests(TemplatePages pages) => _pages = pages;

    [Fact]
    public void Every_value_of_every_template_contract_is_on_its_page()
    {
        var contracts = _pages.Load.Mesh.Contracts;
        var checkedLeaves = 0;
        var missing = contracts.SelectMany(c => MissingValues(_pages.Page(SiteUrls.Contract(c.Id)), c, ref checkedLeaves)).ToList();

        Assert.Equal(14, contracts.Count);
        Assert.True(checkedLeaves > 2000, $"only {checkedLeaves} values checked");
        Assert.True(missing.Count == 0, $"{missing.Count} values missing:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Every_value_of_every_template_product_is_on_its_page()
    {
        var products = _pages.Load.Mesh.Products;
        var checkedLeaves = 0;
        var missing = products.SelectMany(p => MissingValues(_pages.Page(SiteUrls.Product(p.Id)), p, ref checkedLeaves)).ToList();

        Assert.Equal(13, products.Count);
        Assert.True(checkedLeaves > 300, $"only {checkedLeaves} values checked");
        Assert.True(missing.Count == 0, $"{missing.Count} values missing:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Every_product_and_contract_page_links_a_copy_of_its_yaml_beside_it()
    {
        var assets = _pages.Load.Mesh.Products.Select(p => (Asset: (DomainAsset)p, Page: SiteUrls.Product(p.Id)))
            .Concat(_pages.Load.Mesh.Contracts.Select(c => (Asset: (DomainAsset)c, Page: SiteUrls.Contract(c.Id))));

        Assert.True(_pages.Result.Succeeded, string.Join("\n", _pages.Result.BrokenLinks));
        foreach (var (asset, page) in assets)
        {
            var link = _pages.Page(page).QuerySelector("a[download]")!.GetAttribute("href")!;
            Assert.EndsWith(asset is DataContract ? ".odcs.yaml" : ".odps.yaml", link, StringComparison.Ordinal);
            var copy = Path.Combine(_pages.Folder, Path.GetDirectoryName(page)!, link);
            Assert.Equal(File.ReadAllBytes(Path.Combine(RepositoryPaths.Template, asset.File)), File.ReadAllBytes(copy));
        }
    }

    [Fact]
    public void Fields_the_template_does_not_use_and_custom_keys_are_on_the_page_too()
    {
        using var repo = TempMeshRepository.Valid();
        repo.Write("domains/sales/contracts/orders.odcs.yaml", RichContract);
        repo.Write("domains/sales/products/orders.odps.yaml", RichProduct);
        var (result, folder) = SiteBuilds.BuildWithoutPolicies(repo.Root);
        try
        {
            Assert.True(result.Succeeded, result.Error + string.Join("\n", result.BrokenLinks));
            var mesh = MeshLoader.Load(repo.Root).Mesh;
            var checkedLeaves = 0;
            var contract = mesh.FindContract("sales.orders.v1")!;
            var product = mesh.FindProduct("sales.orders")!;
            var missing = MissingValues(SiteBuilds.Page(folder, SiteUrls.Contract(contract.Id)), contract, ref checkedLeaves)
                .Concat(MissingValues(SiteBuilds.Page(folder, SiteUrls.Product(product.Id)), product, ref checkedLeaves))
                .ToList();

            Assert.True(missing.Count == 0, $"{missing.Count} values missing:\n" + string.Join("\n", missing));
            var contractPage = SiteBuilds.Page(folder, SiteUrls.Contract(contract.Id));
            Assert.Contains("must be between 1 and 10 rows", contractPage.QuerySelector("#quality")!.ParentElement!.TextContent, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public void Hostile_values_in_custom_keys_definitions_and_server_fields_stay_text()
    {
        using var repo = TempMeshRepository.Valid();
        repo.Write("domains/sales/contracts/orders.odcs.yaml", TempMeshRepository.ValidContract + """

            x-note: "<script>alert('x')</script>"
            authoritativeDefinitions:
              - type: "<b onclick=alert(1)>b</b>"
                url: javascript:alert(1)
            customProperties:
              - property: link
                value: javascript:alert(2)
            servers:
              - server: s
                type: custom
                location: "javascript:alert(3)"
                path: "\"><img src=x onerror=alert(4)>"
            """);
        var (result, folder) = SiteBuilds.BuildWithoutPolicies(repo.Root);
        try
        {
            Assert.True(result.Succeeded, result.Error + string.Join("\n", result.BrokenLinks));
            var page = SiteBuilds.Page(folder, SiteUrls.Contract("sales.orders.v1"));
            var main = page.QuerySelector("main")!;
            main.QuerySelector("details.raw-yaml")!.Remove();

            Assert.Empty(main.QuerySelectorAll("script, img, b"));
            Assert.DoesNotContain(page.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
            Assert.DoesNotContain(main.QuerySelectorAll("a[href]"), a => a.GetAttribute("href")!.Contains("javascript", StringComparison.OrdinalIgnoreCase));
            Assert.Contains("<script>alert('x')</script>", main.TextContent, StringComparison.Ordinal);
            Assert.Contains("javascript:alert(3)", main.TextContent, StringComparison.Ordinal);
            Assert.Contains("\"><img src=x onerror=alert(4)>", main.TextContent, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>"file: where = value" for each leaf of the asset's YAML that its page does not show.</summary>
    private static List<string> MissingValues(IHtmlDocument page, DomainAsset asset, ref int checkedLeaves)
    {
        var main = page.QuerySelector("main")!;
        Assert.Single(main.QuerySelectorAll("details.raw-yaml")).Remove();
        var pageText = Squeeze(main.TextContent);
        var missing = new List<string>();
        foreach (var leaf in Leaves(asset.Source, asset.Id, elementPath: null, isElement: false, isContractRoot: asset is DataContract))
        {
            if (leaf.Scalar.IsNull)
            {
                continue;
            }

            checkedLeaves++;
            // Where the value must be: the row of its schema element; else the section of its top-level key (a short
            // value such as "4" or "EUR" is otherwise found somewhere on any page); else anywhere in main.
            var section = SectionOf(asset, leaf.Where) is { } id ? main.QuerySelector($"section[aria-labelledby='{id}']") : null;
            var scope = leaf.ElementPath is not null ? main.QuerySelectorAll("[data-schema-path]").Where(e => e.GetAttribute("data-schema-path") == leaf.ElementPath).ToList()
                : section is not null ? [section]
                : [main];
            if (!IsShown(leaf, scope, leaf.ElementPath is null && section is null ? pageText : Squeeze(string.Concat(scope.Select(e => e.TextContent)))))
            {
                missing.Add($"{asset.File}: {leaf.Where} = {leaf.Scalar.Value}" + (leaf.ElementPath is null ? "" : $" (on the row of {leaf.ElementPath})"));
            }
        }

        return missing;
    }

    /// <summary>The page section that must show the values under a top-level key of the file, when it has one.</summary>
    private static string? SectionOf(DomainAsset asset, string where)
    {
        var path = where[(asset.Id.Length + 1)..];
        var key = path[..(path.IndexOfAny(['.', '[']) is var end and >= 0 ? end : path.Length)];
        return (asset, key) switch
        {
            (DataContract, "slaProperties" or "slaDefaultElement") => "sla",
            (DataContract, "quality") => "quality",
            (DataContract, "servers" or "roles" or "price" or "support") => "access",
            (DataProduct, "outputPorts") => "access",
            (DataProduct, "inputPorts" or "managementPorts") => "ports",
            _ => null,
        };
    }

    private static bool IsShown(Leaf leaf, IReadOnlyList<IElement> scope, string text)
    {
        if (leaf.Scalar.Kind == ScalarKind.Boolean)
        {
            var on = leaf.Scalar.Value.Equals("true", StringComparison.OrdinalIgnoreCase);
            if (leaf.IsElementField && (leaf.Key == "required" || FlagWords.ContainsKey(leaf.Key)))
            {
                var words = leaf.Key == "required" ? (on ? "required" : "optional") : on ? FlagWords[leaf.Key] : "not " + FlagWords[leaf.Key];
                return scope.SelectMany(e => e.QuerySelectorAll(".flags li")).Select(li => li.TextContent.Trim())
                    .Any(flag => flag == words || flag.StartsWith(words + ",", StringComparison.Ordinal));
            }

            return text.Contains(Squeeze(leaf.Label is null ? leaf.Scalar.Value : leaf.Label + leaf.Scalar.Value), StringComparison.Ordinal);
        }

        return text.Contains(Squeeze(leaf.Scalar.Value), StringComparison.Ordinal)
            || text.Contains(Squeeze(Markdig.Markdown.ToPlainText(leaf.Scalar.Value)), StringComparison.Ordinal);
    }

    /// <summary>
    /// Every scalar under a mapping, with where it is, its key and label, and the schema element whose rendering must
    /// show it (the nearest schema object or property above it, unless a quality list lies between).
    /// </summary>
    private static IEnumerable<Leaf> Leaves(SourceMapping mapping, string where, string? elementPath, bool isElement, bool isContractRoot)
    {
        foreach (var (keyNode, value) in mapping.Entries)
        {
            var key = keyNode.Value;
            var here = $"{where}.{key}";
            if (isContractRoot && key == "schema" || isElement && key == "properties")
            {
                var children = value is SourceSequence list ? list.Items.OfType<SourceMapping>().ToList() : [];
                for (var i = 0; i < children.Count; i++)
                {
                    var name = children[i].GetString("name") ?? "";
                    foreach (var leaf in Leaves(children[i], $"{here}[{i}]", elementPath is null ? name : $"{elementPath}.{name}", isElement: true, isContractRoot: false))
                    {
                        yield return leaf;
                    }
                }

                continue;
            }

            if (isElement && key == "items" && value is SourceMapping items)
            {
                foreach (var leaf in Leaves(items, here, $"{elementPath}.{items.GetString("name") ?? ""}", isElement: true, isContractRoot: false))
                {
                    yield return leaf;
                }

                continue;
            }

            // Quality rules have their own section, wherever in the schema they are declared.
            var scope = key == "quality" ? null : elementPath;
            var label = key == "value" && mapping.GetString("property") is { } property ? property : key;
            foreach (var leaf in ValueLeaves(value, here, key, label, scope, isElementField: isElement))
            {
                yield return leaf;
            }
        }
    }

    private static IEnumerable<Leaf> ValueLeaves(SourceNode value, string where, string key, string? label, string? elementPath, bool isElementField)
    {
        switch (value)
        {
            case SourceScalar scalar:
                yield return new Leaf(where, key, label, scalar, elementPath, isElementField);
                break;
            case SourceSequence list:
                for (var i = 0; i < list.Items.Count; i++)
                {
                    // An item of a list has no label of its own.
                    foreach (var leaf in ValueLeaves(list.Items[i], $"{where}[{i}]", key, label: null, elementPath, isElementField: false))
                    {
                        yield return leaf;
                    }
                }

                break;
            case SourceMapping nested:
                foreach (var leaf in Leaves(nested, where, elementPath, isElement: false, isContractRoot: false))
                {
                    yield return leaf;
                }

                break;
        }
    }

    private static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    /// <param name="IsElementField">Directly a field of a schema object or property (where its flags are).</param>
    /// <param name="Label">What a boolean is written after: its key, a custom property's name, or nothing in a list.</param>
    private sealed record Leaf(string Where, string Key, string? Label, SourceScalar Scalar, string? ElementPath, bool IsElementField);

    private const string RichContract = """
        apiVersion: v3.1.0
        kind: DataContract
        id: sales.orders.v1
        name: Orders
        version: 1.0.0
        status: active
        domain: sales
        tenant: acme
        dataProduct: orders-legacy-name
        slaDefaultElement: orders.ordered_at
        x-review-board: approved-2026-q3
        description:
          purpose: Orders of the shop.
          authoritativeDefinitions:
            - type: businessDefinition
              url: https://wiki.example.com/orders
              description: The glossary entry.
          customProperties:
            - property: confidentialityReviewed
              value: false
        team:
          name: sales-team
          description: Sells things.
          tags: [sales]
          members:
            - username: alice
              name: Alice Example
              role: owner
              dateIn: "2024-01-01"
              dateOut: "2026-01-01"
              replacedByUsername: bob
              description: Founded the contract.
        schema:
          - name: orders
            logicalType: object
            physicalType: table
            tags: [core]
            authoritativeDefinitions:
              - type: implementation
                url: https://git.example.com/orders.sql
            customProperties:
              - property: owner-notes
                value: [first, second]
            relationships:
              - type: foreignKey
                from: orders.customer_id
                to: customers.customer_id
            quality:
              - type: library
                metric: rowCount
                mustBeBetween: [1, 10]
                unit: rows
                schedule: "0 * * * *"
                scheduler: cron
                method: reconciliation
                tags: [volume]
            properties:
              - name: order_id
                logicalType: string
                required: true
                unique: false
                partitioned: true
                partitionKeyPosition: 2
                encryptedName: order_id_enc
                transformLogic: SELECT id FROM raw.orders
                relationships:
                  - to: payments.order_id
                    customProperties:
                      - property: enforced
                        value: true
              - name: ordered_at
                logicalType: date
              - name: codes
                logicalType: array
                items:
                  logicalType: string
                  physicalType: varchar(8)
                  description: One code.
                  examples: [AB12]
              - name: customer_id
                logicalType: string
        servers:
          - server: warehouse
            type: snowflake
            environment: prod
            account: acme-eu
            database: SALES
            schema: PUBLIC
            warehouse: REPORTING_WH
            roles:
              - role: reporting_reader
                access: read
                firstLevelApprovers: sales-lead
            customProperties:
              - property: costCentre
                value: "4711"
          - server: custom-store
            type: custom
            location: https://store.example.com/orders
            stream: orders-v1
        roles:
          - role: analyst
            description: Read all columns.
            access: read
            firstLevelApprovers: [sales-lead, sales-deputy]
            secondLevelApprovers: data-governance
            customProperties:
              - property: ticketQueue
                value: ACCESS
        slaProperties:
          - property: latency
            value: 4
            valueExt: 5
            unit: h
            element: orders.ordered_at
            driver: analytics
            scheduler: cron
            schedule: "0 3 * * *"
            description: Loaded by three.
        support:
          - channel: "#sales"
            url: https://chat.example.com/sales
            tool: slack
            scope: interactive
            description: Ask anything.
            invitationUrl: https://chat.example.com/invite/sales
        price:
          priceAmount: 12
          priceCurrency: EUR
          priceUnit: megabyte
        authoritativeDefinitions:
          - type: videoTutorial
            url: https://video.example.com/orders
        customProperties:
          - property: costPerQuery
            value: 0.25
            description: Charged monthly.
        contractCreatedTs: "2026-01-02T03:04:05Z"
        """;

    private const string RichProduct = """
        apiVersion: v1.0.0
        kind: DataProduct
        id: sales.orders
        name: Orders
        version: 1.2.0
        status: active
        domain: sales
        tenant: acme
        description:
          purpose: Orders as a product.
          usage: Dashboards.
          limitations: None known.
          customProperties:
            - property: reviewed
              value: true
        authoritativeDefinitions:
          - type: tutorial
            url: https://docs.example.com/orders
            description: Getting started.
        customProperties:
          - property: costCentre
            value: "4711"
          - property: regions
            value: [eu, us]
        tags: [sales]
        team:
          name: sales-team
          members:
            - username: carol
              name: Carol Example
              role: steward
        inputPorts:
          - name: payments
            version: 2.0.0
            contractId: payments.v2
            tags: [upstream]
            customProperties:
              - property: lagTolerance
                value: 1h
        outputPorts:
          - name: orders
            description: The orders table.
            type: tables
            version: 1.0.0
            contractId: sales.orders.v1
            tags: [main]
            sbom:
              - type: external
                url: https://sbom.example.com/orders
            inputContracts:
              - id: payments.v2
                version: 2.0.0
        managementPorts:
          - name: health
            content: observability
            type: topic
            channel: orders-health
            description: Health events.
            tags: [ops]
        support:
          - channel: "#orders"
            url: https://chat.example.com/orders
            tool: slack
            scope: issues
        productCreatedTs: "2026-02-03T04:05:06Z"
        """;
}
