using System.Text;
using System.Text.Json;
using MeshGovernance.Model.Graph;

namespace MeshGovernance.Site;

/// <summary>
/// The index the browser searches: one entry per product and contract with the fields search and facets use.
/// Written as a script (<c>search-index.js</c>) rather than JSON, so that the site works straight from disk,
/// where browsers refuse to fetch files. The JSON serializer escapes &lt;, &gt; and &amp;, so no YAML value can
/// end the script.
/// </summary>
public static class SearchIndex
{
    public static string Script(SiteContext context)
    {
        var entries = new List<object>();
        foreach (var product in context.Mesh.Products)
        {
            entries.Add(Entry("product", product, context, SiteUrls.Product(product.Id), []));
        }

        foreach (var contract in context.Mesh.Contracts)
        {
            var properties = contract.AllElements().Where(e => !e.IsObject).Select(e => e.Name).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
            var classifications = contract.AllElements().Select(e => e.Classification).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
            entries.Add(Entry("contract", contract, context, SiteUrls.Contract(contract.Id), properties, classifications));
        }

        var json = JsonSerializer.Serialize(new { v = 1, entries });
        return new StringBuilder("window.MESHGOV_SEARCH = ").Append(json).Append(";\n").ToString();
    }

    private static Dictionary<string, object?> Entry(string kind, DomainAsset asset, SiteContext context, string url, string[] properties, string[]? classifications = null)
    {
        var entry = new Dictionary<string, object?>
        {
            ["k"] = kind,
            ["id"] = asset.Id,
            ["n"] = asset.Name ?? asset.Id,
            ["d"] = Cut(asset.Purpose),
            ["t"] = asset.Tags,
            ["o"] = asset.Team?.Name ?? asset.TeamId,
            ["dm"] = asset.Domain?.Name ?? asset.DomainFolder,
            ["dt"] = asset.Domain?.Type,
            ["s"] = asset.Status,
            ["u"] = url,
        };
        if (properties.Length > 0)
        {
            entry["p"] = properties;
        }

        if (classifications is { Length: > 0 })
        {
            entry["c"] = classifications;
        }

        return entry;
    }

    private static string? Cut(string? text) => text is null ? null : text.Length <= 200 ? text : text[..199] + "…";
}
