using System.Globalization;
using System.Numerics;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace MeshGovernance.Model.Yaml;

/// <summary>
/// Presents a <see cref="SourceNode"/> tree as JSON tokens that carry the YAML line and column, so that
/// NJsonSchema's validation errors point at the YAML source. Tokens are produced iteratively.
/// </summary>
internal sealed class SourceNodeJsonReader : JsonReader, IJsonLineInfo
{
    private readonly List<(JsonToken Token, object? Value, int Line, int Column)> _tokens = [];
    private int _position = -1;

    private SourceNodeJsonReader(SourceNode root)
    {
        MaxDepth = null;
        Flatten(root);
    }

    public int LineNumber => _position >= 0 && _position < _tokens.Count ? _tokens[_position].Line : 0;

    public int LinePosition => _position >= 0 && _position < _tokens.Count ? _tokens[_position].Column : 0;

    public static JToken ToJson(SourceNode root)
    {
        using var reader = new SourceNodeJsonReader(root);
        return JToken.ReadFrom(reader, new JsonLoadSettings { LineInfoHandling = LineInfoHandling.Load });
    }

    public bool HasLineInfo() => _position >= 0 && _position < _tokens.Count;

    public override bool Read()
    {
        _position++;
        if (_position >= _tokens.Count)
        {
            SetToken(JsonToken.None);
            return false;
        }

        var (token, value, _, _) = _tokens[_position];
        SetToken(token, value);
        return true;
    }

    private void Flatten(SourceNode root)
    {
        // Work items: a node to emit, or a closing token to emit once its children are done.
        var work = new Stack<(SourceNode? Node, JsonToken Closing, SourceScalar? Key)>();
        work.Push((root, JsonToken.None, null));
        while (work.Count > 0)
        {
            var (node, closing, key) = work.Pop();
            if (node is null)
            {
                _tokens.Add((closing, null, 0, 0));
                continue;
            }

            if (key is not null)
            {
                _tokens.Add((JsonToken.PropertyName, key.Value, key.Span.Line, key.Span.Column));
            }

            var (line, column) = (node.Span.Line, node.Span.Column);
            switch (node)
            {
                case SourceMapping mapping:
                    _tokens.Add((JsonToken.StartObject, null, line, column));
                    work.Push((null, JsonToken.EndObject, null));
                    for (var i = mapping.Entries.Count - 1; i >= 0; i--)
                    {
                        work.Push((mapping.Entries[i].Value, JsonToken.None, mapping.Entries[i].Key));
                    }

                    break;
                case SourceSequence sequence:
                    _tokens.Add((JsonToken.StartArray, null, line, column));
                    work.Push((null, JsonToken.EndArray, null));
                    for (var i = sequence.Items.Count - 1; i >= 0; i--)
                    {
                        work.Push((sequence.Items[i], JsonToken.None, null));
                    }

                    break;
                case SourceScalar scalar:
                    var (token, value) = ScalarToken(scalar);
                    _tokens.Add((token, value, line, column));
                    break;
            }
        }
    }

    internal static (JsonToken Token, object? Value) ScalarToken(SourceScalar scalar) => scalar.Kind switch
    {
        ScalarKind.Null => (JsonToken.Null, null),
        ScalarKind.Boolean => (JsonToken.Boolean, scalar.Value is "true" or "True" or "TRUE"),
        ScalarKind.Integer => (JsonToken.Integer, ParseInteger(scalar.Value)),
        ScalarKind.Float => (JsonToken.Float, ParseFloat(scalar.Value)),
        _ => (JsonToken.String, scalar.Value),
    };

    private static object ParseInteger(string text)
    {
        var value = text.TrimStart('+');
        if (value.StartsWith("0x", StringComparison.Ordinal))
        {
            return BigInteger.Parse("0" + value[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture) is var hex && hex <= long.MaxValue ? (object)(long)hex : hex;
        }

        if (value.StartsWith("0o", StringComparison.Ordinal))
        {
            return value[2..].Aggregate(BigInteger.Zero, (acc, digit) => (acc * 8) + (digit - '0')) is var octal && octal <= long.MaxValue ? (object)(long)octal : octal;
        }

        // Boxed explicitly: a conditional of long and BigInteger would make every integer a BigInteger,
        // which NJsonSchema cannot compare.
        return long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? (object)number
            : BigInteger.Parse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
    }

    private static double ParseFloat(string text)
    {
        var value = text.TrimStart('+');
        return value switch
        {
            ".inf" or ".Inf" or ".INF" => double.PositiveInfinity,
            "-.inf" or "-.Inf" or "-.INF" => double.NegativeInfinity,
            ".nan" or ".NaN" or ".NAN" => double.NaN,
            _ => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
    }
}
