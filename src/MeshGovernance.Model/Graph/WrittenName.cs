namespace MeshGovernance.Model.Graph;

/// <summary>
/// A team or domain as people write it in a product or contract: the id (<c>order-data</c>), or the display name
/// or another spelling of either (<c>Order Data</c>, <c>order_data</c>, <c>OrderData</c>). Two spellings are the same
/// name when their letters and digits are, case aside.
/// </summary>
public static class WrittenName
{
    public static string Key(string written) =>
        string.Concat(written.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant));

    /// <summary>
    /// The one item <paramref name="written"/> names: by exact id first, then by the key of its id or its name.
    /// Null when nothing matches, or when several do (<paramref name="candidates"/> then lists them).
    /// </summary>
    public static T? Resolve<T>(string? written, IReadOnlyDictionary<string, T> byId, IEnumerable<T> all, Func<T, string> id, Func<T, string?> name, out IReadOnlyList<T> candidates)
        where T : class
    {
        candidates = [];
        if (string.IsNullOrWhiteSpace(written))
        {
            return null;
        }

        if (byId.TryGetValue(written, out var exact))
        {
            return exact;
        }

        var key = Key(written);
        if (key.Length == 0)
        {
            return null;
        }

        var matches = all.Where(item => Key(id(item)) == key || (name(item) is { } n && Key(n) == key)).Distinct().ToList();
        candidates = matches;
        return matches.Count == 1 ? matches[0] : null;
    }

    /// <summary>An id a file could be named after: lower case, words joined by '-' (<c>Order Data Team</c> → <c>order-data-team</c>).</summary>
    public static string SuggestedId(string written)
    {
        var words = new List<string>();
        var word = new System.Text.StringBuilder();
        foreach (var c in written)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        var id = string.Join('-', words);
        return id.Length == 0 ? "team" : id[..Math.Min(id.Length, 63)].TrimEnd('-');
    }
}
