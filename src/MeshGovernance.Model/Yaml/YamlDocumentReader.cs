using System.Text.RegularExpressions;
using MeshGovernance.Model.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace MeshGovernance.Model.Yaml;

/// <summary>
/// Reads one YAML document into a <see cref="SourceNode"/> tree from YamlDotNet's parser events,
/// iteratively and within <see cref="YamlLimits"/>. Scalars are typed by the YAML 1.2 core schema,
/// so dates and timestamps stay strings.
/// </summary>
public static partial class YamlDocumentReader
{
    public static YamlReadResult Read(string text, string file, YamlLimits? limits = null)
    {
        var reader = new DocumentBuilder(file, limits ?? YamlLimits.Default);
        return reader.Build(text);
    }

    private sealed class Frame(SourceNode node, string? anchor)
    {
        public SourceNode Node { get; } = node;

        public string? Anchor { get; } = anchor;

        public SourceScalar? PendingKey { get; set; }
    }

    private sealed class DocumentBuilder(string file, YamlLimits limits)
    {
        private readonly Stack<Frame> _stack = new();
        private readonly Dictionary<string, SourceNode> _anchors = new(StringComparer.Ordinal);
        private readonly List<Diagnostic> _diagnostics = [];
        private SourceNode? _root;
        private int _documents;
        private SourceSpan _secondDocument;
        private bool _keepRoot;

        public YamlReadResult Build(string text)
        {
            if (text.Length > 0 && text[0] == '\uFEFF')
            {
                text = text[1..];
            }

            var parser = new Parser(new Scanner(new StringReader(text), skipComments: true));
            var lastEnd = Mark.Empty;
            try
            {
                while (parser.MoveNext())
                {
                    lastEnd = parser.Current!.End;
                    if (!Accept(parser.Current!))
                    {
                        return _keepRoot ? Finish() : new YamlReadResult(null, _diagnostics);
                    }
                }
            }
            catch (YamlException ex)
            {
                _diagnostics.Add(SyntaxError(ex.Start, ex.End, LocationPrefix().Replace(ex.Message, string.Empty), text));
                return new YamlReadResult(null, _diagnostics);
            }
            catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
            {
                // YamlDotNet's scanner fails this way on some malformed input; report where parsing stopped.
                _diagnostics.Add(SyntaxError(lastEnd, lastEnd, "The YAML could not be parsed after this point", text));
                return new YamlReadResult(null, _diagnostics);
            }

            return Finish();
        }

        private YamlReadResult Finish()
        {
            if (_documents == 0 || _root is null || _root is SourceScalar { IsNull: true, Value: "" })
            {
                _diagnostics.Add(DiagnosticCatalog.EmptyFile.Create(SourceSpan.StartOf(file), "The file holds no YAML document; fill it in or delete it."));
                return new YamlReadResult(null, _diagnostics);
            }

            if (_root is not SourceMapping mapping)
            {
                var shape = _root is SourceSequence ? "a list" : "a single value";
                _diagnostics.Add(DiagnosticCatalog.NotAMapping.Create(_root.Span, $"The document is {shape}; a mesh file must be a mapping of keys to values at the top level."));
                return new YamlReadResult(null, _diagnostics);
            }

            // Duplicate keys are reported but the first value is kept, so the rest of the file is still validated.
            return new YamlReadResult(mapping, _diagnostics);
        }

        /// <summary>Handles one event; returns false when reading must stop.</summary>
        private bool Accept(ParsingEvent e)
        {
            switch (e)
            {
                case DocumentStart start:
                    // A second document is reported once it holds something: a trailing '---' is harmless.
                    _documents++;
                    if (_documents == 2)
                    {
                        _secondDocument = Span(start);
                    }

                    return true;
                case Scalar scalar:
                    if (ScalarKindOf(scalar) is not { } kind)
                    {
                        _diagnostics.Add(DiagnosticCatalog.UnsupportedYaml.Create(Span(scalar), $"The tag '{scalar.Tag.Value}' is not supported; write the value as plain YAML."));
                        return false;
                    }

                    if (scalar.Value.Length > limits.MaxScalarLength)
                    {
                        _diagnostics.Add(DiagnosticCatalog.ValueTooLong.Create(Span(scalar), $"This value is {scalar.Value.Length:N0} characters long; one value may be at most {limits.MaxScalarLength:N0}. Link to long text instead of embedding it."));
                        return false;
                    }

                    return Complete(new SourceScalar(Span(scalar), StringPool.Share(scalar.Value), kind), AnchorOf(scalar.Anchor), e);
                case AnchorAlias alias:
                    if (!_anchors.TryGetValue(alias.Value.Value, out var target))
                    {
                        _diagnostics.Add(DiagnosticCatalog.UnsupportedYaml.Create(Span(alias), $"The alias '*{alias.Value.Value}' names no anchor defined before it."));
                        return false;
                    }

                    return Complete(target, null, e);
                case MappingStart mappingStart:
                    return Open(new SourceMapping(Span(mappingStart)), mappingStart.Tag, mappingStart.Anchor, e);
                case SequenceStart sequenceStart:
                    return Open(new SourceSequence(Span(sequenceStart)), sequenceStart.Tag, sequenceStart.Anchor, e);
                case MappingEnd or SequenceEnd:
                    var frame = _stack.Pop();
                    var span = frame.Node.Span;
                    frame.Node.Span = span with { EndLine = (int)e.End.Line, EndColumn = (int)e.End.Column };
                    (frame.Node as SourceMapping)?.TrimExcess();
                    return Complete(frame.Node, frame.Anchor, e);
                default:
                    return true;
            }
        }

        private bool Open(SourceNode node, TagName tag, AnchorName anchor, ParsingEvent e)
        {
            if (_stack.Count == 0 && _documents > 1)
            {
                return RejectSecondDocument();
            }

            if (!tag.IsEmpty && !tag.IsNonSpecific && tag.Value is not ("tag:yaml.org,2002:map" or "tag:yaml.org,2002:seq" or "tag:yaml.org,2002:omap"))
            {
                _diagnostics.Add(DiagnosticCatalog.UnsupportedYaml.Create(Span(e), $"The tag '{tag.Value}' is not supported; write the value as plain YAML."));
                return false;
            }

            if (_stack.TryPeek(out var parent) && parent.Node is SourceMapping && parent.PendingKey is null)
            {
                _diagnostics.Add(DiagnosticCatalog.UnsupportedYaml.Create(Span(e), "A mapping key must be a plain value, not a mapping or a list."));
                return false;
            }

            if (_stack.Count + 1 > limits.MaxDepth)
            {
                _diagnostics.Add(DiagnosticCatalog.NestingTooDeep.Create(Span(e), $"Nesting goes deeper than {limits.MaxDepth} levels here; flatten the structure."));
                return false;
            }

            _stack.Push(new Frame(node, AnchorOf(anchor)));
            return true;
        }

        /// <summary>Attaches a finished node (or an alias to one) to its parent.</summary>
        private bool Complete(SourceNode node, string? anchor, ParsingEvent e)
        {
            if (anchor is not null)
            {
                _anchors[anchor] = node;
            }

            if (!_stack.TryPeek(out var parent))
            {
                if (_documents > 1)
                {
                    return node is SourceScalar { IsNull: true, Value: "" } || RejectSecondDocument();
                }

                _root = node;
                return true;
            }

            if (_stack.Count + node.Height > limits.MaxDepth)
            {
                _diagnostics.Add(DiagnosticCatalog.NestingTooDeep.Create(Span(e), $"With its aliases expanded, nesting goes deeper than {limits.MaxDepth} levels here; flatten the structure."));
                return false;
            }

            switch (parent.Node)
            {
                case SourceMapping mapping when parent.PendingKey is null:
                    if (node is not SourceScalar key)
                    {
                        _diagnostics.Add(DiagnosticCatalog.UnsupportedYaml.Create(Span(e), "A mapping key must be a plain value, not a mapping or a list."));
                        return false;
                    }

                    parent.PendingKey = key;
                    return true;
                case SourceMapping mapping:
                    var pendingKey = parent.PendingKey!;
                    parent.PendingKey = null;
                    if (!mapping.TryAdd(pendingKey, node))
                    {
                        var first = mapping.KeyNode(pendingKey.Value)!.Span;
                        _diagnostics.Add(DiagnosticCatalog.DuplicateKey.Create(pendingKey.Span, $"The key '{pendingKey.Value}' appears twice in this mapping (first at line {first.Line}); remove one of them."));
                    }

                    return WithinExpansionBudget(mapping, e);
                case SourceSequence sequence:
                    sequence.Add(node);
                    return WithinExpansionBudget(sequence, e);
                default:
                    return true;
            }
        }

        /// <summary>Reports a second document with content; the first is still validated.</summary>
        private bool RejectSecondDocument()
        {
            _diagnostics.Add(DiagnosticCatalog.MultipleDocuments.Create(_secondDocument, "A second YAML document starts here; each mesh file holds exactly one. The first document is still validated."));
            _keepRoot = true;
            return false;
        }

        private bool WithinExpansionBudget(SourceNode collection, ParsingEvent e)
        {
            if (collection.ExpandedSize <= limits.MaxExpandedNodes)
            {
                return true;
            }

            _diagnostics.Add(DiagnosticCatalog.AliasExpansionTooLarge.Create(Span(e), $"Expanding the aliases here makes the document larger than the loader accepts ({limits.MaxExpandedNodes:N0} nodes, counting long text); write the content out instead of repeating aliases."));
            return false;
        }

        private Diagnostic SyntaxError(Mark start, Mark end, string rawMessage, string text)
        {
            var message = rawMessage.Trim();
            var line = (int)Math.Max(1, start.Line);
            var column = (int)Math.Max(1, start.Column);
            var endLine = (int)Math.Max(line, end.Line);
            var endColumn = (int)Math.Max(1, end.Column);

            // Parsers report a tab where it breaks the structure, often a line before the tab itself.
            var searchTo = message.Contains("tab", StringComparison.OrdinalIgnoreCase) ? int.MaxValue : endLine + 1;
            if (FirstTabIndentedLine(text, line, searchTo) is { } tabLine)
            {
                (line, column, endLine, endColumn) = (tabLine, 1, tabLine, 2);
                message = "A tab is used for indentation here. YAML does not allow tabs for indentation: indent with spaces";
            }

            if (!message.EndsWith('.'))
            {
                message += ".";
            }

            return DiagnosticCatalog.YamlSyntax.Create(new SourceSpan(file, line, column, endLine, endColumn), message);
        }

        /// <summary>The first line from <paramref name="fromLine"/> to <paramref name="toLine"/> whose indentation holds a tab (blank lines aside).</summary>
        private static int? FirstTabIndentedLine(string text, int fromLine, int toLine)
        {
            var lines = text.Split('\n');
            for (var i = Math.Max(0, fromLine - 1); i < Math.Min(lines.Length, toLine); i++)
            {
                if (string.IsNullOrWhiteSpace(lines[i]))
                {
                    continue;
                }

                var indentation = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
                if (lines[i].AsSpan(0, indentation).Contains('\t'))
                {
                    return i + 1;
                }
            }

            return null;
        }

        private SourceSpan Span(ParsingEvent e) =>
            new(file, (int)e.Start.Line, (int)e.Start.Column, (int)e.End.Line, (int)e.End.Column);

        private static string? AnchorOf(AnchorName anchor) => anchor.IsEmpty ? null : anchor.Value;
    }

    /// <summary>The YAML 1.2 core-schema type of a scalar, or null for a tag we do not accept.</summary>
    internal static ScalarKind? ScalarKindOf(Scalar scalar)
    {
        if (!scalar.Tag.IsEmpty && !scalar.Tag.IsNonSpecific)
        {
            return scalar.Tag.Value switch
            {
                "tag:yaml.org,2002:str" or "tag:yaml.org,2002:timestamp" or "tag:yaml.org,2002:binary" => ScalarKind.String,
                "tag:yaml.org,2002:int" when IntegerPattern().IsMatch(scalar.Value) => ScalarKind.Integer,
                "tag:yaml.org,2002:float" when FloatPattern().IsMatch(scalar.Value) || IntegerPattern().IsMatch(scalar.Value) => ScalarKind.Float,
                "tag:yaml.org,2002:bool" when BooleanPattern().IsMatch(scalar.Value) => ScalarKind.Boolean,
                "tag:yaml.org,2002:null" when scalar.Value.Length == 0 || NullPattern().IsMatch(scalar.Value) => ScalarKind.Null,
                _ => null,
            };
        }

        if (scalar.Style != ScalarStyle.Plain || scalar.Tag.IsNonSpecific)
        {
            return ScalarKind.String;
        }

        var value = scalar.Value;
        if (value.Length > 0 && !CouldBeTyped(value[0]))
        {
            // Most values are names and text: no core-schema type starts with their first character.
            return ScalarKind.String;
        }

        if (value.Length == 0 || NullPattern().IsMatch(value))
        {
            return ScalarKind.Null;
        }

        if (BooleanPattern().IsMatch(value))
        {
            return ScalarKind.Boolean;
        }

        if (IntegerPattern().IsMatch(value))
        {
            return ScalarKind.Integer;
        }

        return FloatPattern().IsMatch(value) ? ScalarKind.Float : ScalarKind.String;
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex LocationPrefix();

    private static bool CouldBeTyped(char first) =>
        first is '~' or 'n' or 'N' or 't' or 'T' or 'f' or 'F' or '+' or '-' or '.' or (>= '0' and <= '9');

    [GeneratedRegex("^(?:~|null|Null|NULL)$")]
    private static partial Regex NullPattern();

    [GeneratedRegex("^(?:true|True|TRUE|false|False|FALSE)$")]
    private static partial Regex BooleanPattern();

    [GeneratedRegex("^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")]
    private static partial Regex FloatPattern();
}
