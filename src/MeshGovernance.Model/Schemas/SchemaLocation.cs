using System.Text;

namespace MeshGovernance.Model.Schemas;

/// <summary>
/// Where a value sits in the document, built only while collecting errors. <see cref="TokenPath"/> writes it as
/// Json.NET's JToken.Path did, which the former path used for every subschema of a combinator and for
/// pattern and additional properties: keys with special characters are written ['a.b'].
/// </summary>
internal sealed class SchemaLocation(SchemaLocation? parent, string? key, int index)
{
    private static readonly System.Buffers.SearchValues<char> SpecialCharacters = System.Buffers.SearchValues.Create(['.', ' ', '\'', '/', '"', '[', ']', '(', ')', '\t', '\n', '\r', '\f', '\b', '\\', '\u0085', '\u2028', '\u2029']);

    public SchemaLocation Property(string name) => new(this, name, -1);

    public SchemaLocation Item(int position) => new(this, null, position);

    public static string TokenPath(SchemaLocation? location)
    {
        if (location is null)
        {
            return string.Empty;
        }

        var chain = new List<SchemaLocation>();
        for (var at = location; at is not null; at = at.Parent)
        {
            chain.Add(at);
        }

        var path = new StringBuilder();
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            var step = chain[i];
            if (step.Key is null)
            {
                path.Append('[').Append(step.Index).Append(']');
            }
            else if (step.Key.AsSpan().ContainsAny(SpecialCharacters))
            {
                path.Append("['");
                AppendEscaped(path, step.Key);
                path.Append("']");
            }
            else
            {
                if (path.Length > 0)
                {
                    path.Append('.');
                }

                path.Append(step.Key);
            }
        }

        return path.ToString();
    }

    private SchemaLocation? Parent { get; } = parent;

    private string? Key { get; } = key;

    private int Index { get; } = index;

    // Json.NET's escaping of a single-quoted JavaScript string.
    private static void AppendEscaped(StringBuilder path, string key)
    {
        foreach (var c in key)
        {
            switch (c)
            {
                case '\t': path.Append("\\t"); break;
                case '\n': path.Append("\\n"); break;
                case '\r': path.Append("\\r"); break;
                case '\f': path.Append("\\f"); break;
                case '\b': path.Append("\\b"); break;
                case '\\': path.Append("\\\\"); break;
                case '\'': path.Append("\\'"); break;
                case '\u0085': path.Append("\\u0085"); break;
                case '\u2028': path.Append("\\u2028"); break;
                case '\u2029': path.Append("\\u2029"); break;
                case < ' ': path.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture)); break;
                default: path.Append(c); break;
            }
        }
    }
}
