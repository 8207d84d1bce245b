using System.Text;
using System.Text.Json;
using MeshGovernance.Model.Graph;
using MeshGovernance.Model.Text;

namespace MeshGovernance.Site;

/// <summary>
/// The index the browser searches (<c>assets/search.js</c>): one entry per product and contract with everything a
/// consumer would search for, and the domains and teams once each, referred to by position, so that the index of
/// 20,000 entries stays small. Written as a script (<c>search-index.js</c>) rather than JSON, so that the site works
/// straight from disk, where browsers refuse to fetch files. The JSON serializer escapes &lt;, &gt; and &amp;, so no
/// YAML value can end the script.
/// </summary>
/// <remarks>
/// Entry keys: <c>k</c> kind ("p" product, "c" contract), <c>id</c>, <c>n</c> name (when not the id), <c>sl</c> the
/// page folder (when not the id), <c>s</c> status, <c>d</c>/<c>us</c>/<c>li</c> purpose, usage and limitations (cut),
/// <c>t</c> tags, <c>dm</c>/<c>o</c> domain and owner team (positions in <c>domains</c>/<c>teams</c>), <c>m</c> the
/// asset's own team members, <c>pl</c> platforms (server types), <c>r</c> roles, <c>p</c> column names, <c>c</c>
/// classifications, <c>sv</c> the positions of the contracts a product serves (its columns are searched through them).
/// </remarks>
public static class SearchIndex
{
    public const int Version = 2;

    private const int MaxTextLength = 200;

    public static string Script(SiteContext context)
    {
        var domains = new Table<string[]>();
        var teams = new Table<object[]>();
        var contractPositions = new Dictionary<string, int>(StringComparer.Ordinal);
        var products = context.Mesh.Products;
        for (var i = 0; i < context.Mesh.Contracts.Count; i++)
        {
            contractPositions.TryAdd(context.Mesh.Contracts[i].Id, products.Count + i);
        }

        var entries = new List<Dictionary<string, object>>(products.Count + context.Mesh.Contracts.Count);
        foreach (var product in products)
        {
            var entry = Entry("p", product, domains, teams);
            var served = product.OutputPorts.Select(p => p.Contract).OfType<DataContract>().Distinct().ToList();
            Add(entry, "pl", served.SelectMany(Platforms));
            Add(entry, "sv", served.Select(c => contractPositions[c.Id]).Distinct());
            entries.Add(entry);
        }

        foreach (var contract in context.Mesh.Contracts)
        {
            var entry = Entry("c", contract, domains, teams);
            Add(entry, "pl", Platforms(contract));
            Add(entry, "r", contract.Source.GetMappings("roles").Select(r => r.GetString("role")).OfType<string>());
            Add(entry, "p", contract.AllElements().Where(e => !e.IsObject).Select(e => e.Name).Where(n => n.Length > 0));
            Add(entry, "c", contract.AllElements().Select(e => e.Classification).OfType<string>());
            entries.Add(entry);
        }

        var json = JsonSerializer.Serialize(new { v = Version, domains = domains.Rows, teams = teams.Rows, entries });
        return new StringBuilder("window.MESHGOV_SEARCH = ").Append(json).Append(";\n").ToString();
    }

    private static Dictionary<string, object> Entry(string kind, DomainAsset asset, Table<string[]> domains, Table<object[]> teams)
    {
        var entry = new Dictionary<string, object> { ["k"] = kind, ["id"] = asset.Id };
        if (asset.Name is { } name && name != asset.Id)
        {
            entry["n"] = name;
        }

        var slug = SiteUrls.Slug(asset.Id);
        if (slug != asset.Id)
        {
            entry["sl"] = slug;
        }

        AddText(entry, "s", asset.Status, int.MaxValue);
        AddText(entry, "d", asset.Purpose, MaxTextLength);
        AddText(entry, "us", asset.Usage, MaxTextLength);
        AddText(entry, "li", asset.Limitations, MaxTextLength);
        Add(entry, "t", asset.Tags);

        var domainId = asset.Domain?.Id ?? asset.DomainFolder;
        entry["dm"] = domains.PositionOf(domainId, () => asset.Domain is { } d
            ? (d.Type is { } type ? [d.Id, d.Name, type] : [d.Id, d.Name])
            : [domainId, domainId]);

        var teamId = asset.Team?.Id ?? asset.TeamId;
        if (teamId is not null)
        {
            entry["o"] = teams.PositionOf(teamId, () => asset.Team is { } t
                ? [t.Id, t.Name, t.Members.SelectMany(m => m.Name is { } memberName ? new[] { m.Username, memberName } : [m.Username]).Distinct(StringComparer.Ordinal).ToArray()]
                : [teamId, teamId]);
        }

        Add(entry, "m", asset.TeamMembers.SelectMany(m => new[] { m.Username, m.Name }).OfType<string>());
        return entry;
    }

    private static IEnumerable<string> Platforms(DataContract contract) => contract.Servers.Select(s => s.Type).OfType<string>();

    private static void AddText(Dictionary<string, object> entry, string key, string? text, int maxLength)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            entry[key] = Wording.Cut(text.Trim(), maxLength);
        }
    }

    private static void Add<T>(Dictionary<string, object> entry, string key, IEnumerable<T> values)
    {
        var distinct = values.Distinct().ToArray();
        if (distinct.Length > 0)
        {
            entry[key] = distinct;
        }
    }

    /// <summary>Rows written once and referred to by position.</summary>
    private sealed class Table<TRow>
    {
        private readonly Dictionary<string, int> _positions = new(StringComparer.Ordinal);

        public List<TRow> Rows { get; } = [];

        public int PositionOf(string key, Func<TRow> row)
        {
            if (!_positions.TryGetValue(key, out var position))
            {
                position = Rows.Count;
                _positions.Add(key, position);
                Rows.Add(row());
            }

            return position;
        }
    }
}
