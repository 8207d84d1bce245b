using MeshGovernance.Testing;

namespace MeshGovernance.Site.Tests;

/// <summary>
/// Everything from YAML is untrusted: script tags, javascript: URLs and attribute breakouts in every field a
/// page shows must come out as text, and no link may lead anywhere but the site, http, https or mailto.
/// </summary>
public sealed class HostileContentTests
{
    private static readonly string[] Payloads =
    [
        "<script>alert('x')</script>",
        "\"><img src=x onerror=alert(1)>",
        "' onmouseover='alert(1)",
        "javascript:alert(1)",
        "</textarea><svg onload=alert(1)>",
    ];

    [Fact]
    public void Hostile_values_in_every_field_render_as_text()
    {
        using var repo = TempMeshRepository.Valid();
        var hostile = string.Join(" ", Payloads);
        repo.Write("domains/sales/products/orders.odps.yaml", $"""
            apiVersion: v1.0.0
            kind: DataProduct
            id: sales.orders
            name: {Quote(hostile)}
            status: {Quote(Payloads[1])}
            domain: sales
            tags: [{Quote(Payloads[0])}, {Quote(Payloads[2])}]
            description:
              purpose: {Quote("[click](javascript:alert(1)) ![img](https://evil.example/x.png) <b onclick=alert(1)>bold</b> " + hostile)}
              usage: {Quote(hostile)}
            team:
              name: sales-team
            support:
              - channel: {Quote(hostile)}
                url: javascript:alert(1)
            outputPorts:
              - name: {Quote(Payloads[1])}
                version: 1.0.0
                contractId: sales.orders.v1
            """);
        repo.Write("domains/sales/contracts/orders.odcs.yaml", $"""
            apiVersion: v3.1.0
            kind: DataContract
            id: sales.orders.v1
            name: {Quote(hostile)}
            version: 1.0.0
            status: active
            domain: sales
            team:
              name: sales-team
            description:
              purpose: {Quote(hostile)}
            schema:
              - name: orders
                description: {Quote(hostile)}
                properties:
                  - name: {Quote(Payloads[0])}
                    logicalType: string
                    classification: {Quote(Payloads[2])}
                    description: {Quote(hostile)}
                    examples: [{Quote(Payloads[1])}]
            """);

        var (result, folder) = SiteBuilds.BuildWithoutPolicies(repo.Root);
        try
        {
            Assert.True(result.Succeeded, result.Error + string.Join("\n", result.BrokenLinks));
            foreach (var path in SiteBuilds.Pages(folder))
            {
                var page = SiteBuilds.Page(folder, path);
                Assert.All(page.QuerySelectorAll("script"), s => Assert.True(s.HasAttribute("src") && !s.GetAttribute("src")!.Contains(':'), $"{path}: inline or foreign script"));
                Assert.Empty(page.QuerySelectorAll("img, iframe, object, embed"));
                foreach (var element in page.All)
                {
                    Assert.DoesNotContain(element.Attributes, a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
                }

                foreach (var link in page.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!))
                {
                    var allowed = !link.Contains(':') || link.StartsWith("https:", StringComparison.Ordinal) || link.StartsWith("http:", StringComparison.Ordinal) || link.StartsWith("mailto:", StringComparison.Ordinal);
                    Assert.True(allowed, $"{path}: link to {link}");
                }
            }

            var product = SiteBuilds.Page(folder, "products/sales.orders/index.html");
            Assert.Contains("<script>alert('x')</script>", product.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
            Assert.Contains("<b onclick=alert(1)>bold</b>", product.QuerySelector(".markdown")!.TextContent, StringComparison.Ordinal);
            // The index is data: the serializer escapes markup characters, and search.js shows it with textContent.
            var index = File.ReadAllText(Path.Combine(folder, "search-index.js"));
            Assert.DoesNotContain("<", index, StringComparison.Ordinal);
            Assert.Contains("\\u003Cscript\\u003E", index, StringComparison.Ordinal);
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
    public void Markdown_keeps_safe_links_and_turns_images_into_links()
    {
        var html = SiteMarkdown.ToHtml("[docs](https://example.com/a) [bad](javascript:alert(1)) ![pic](https://example.com/p.png) <script>x</script>").Value;

        Assert.Contains("href=\"https://example.com/a\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
