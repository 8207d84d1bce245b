using System.Text;
using MeshGovernance.Model.Diagnostics;

namespace MeshGovernance.Model.Yaml;

/// <summary>
/// A compact binary form of one file's node tree and its reading diagnostics, for the file cache: reading it
/// back is several times cheaper than scanning the YAML again. Aliased nodes stay shared: a node that occurs
/// more than once is written once with <see cref="Anchored"/> set and referred to by number after that, so the
/// reader keeps only those nodes aside, not every node it reads. Damage that breaks the structure reads as
/// "not cached"; the cache folder is as trusted as the compiled policies beside it (outside the repository).
/// </summary>
internal static class SourceTreeFormat
{
    private const int Magic = 0x3354474D; // "MGT3"
    private const byte Reference = 0;
    private const byte Scalar = 1;
    private const byte Mapping = 2;
    private const byte Sequence = 3;

    /// <summary>Set on a node's tag when a <see cref="Reference"/> to it follows: the reader numbers these alone.</summary>
    private const byte Anchored = 0x80;

    public static byte[] Write(SourceMapping root, IReadOnlyList<Diagnostic> diagnostics)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(root.Span.File);
            WriteDiagnostics(writer, diagnostics);
            WriteNode(writer, root, Shared(root), new Dictionary<SourceNode, int>(ReferenceEqualityComparer.Instance));
        }

        return buffer.ToArray();
    }

    /// <summary>The tree and diagnostics, or null when the bytes are not a well-formed tree of <paramref name="file"/>.</summary>
    public static (SourceMapping Root, IReadOnlyList<Diagnostic> Diagnostics)? Read(ReadOnlyMemory<byte> tree, string file)
    {
        try
        {
            var reader = new CompactReader(tree.Span);
            if (reader.ReadInt32() != Magic || reader.ReadString() != file)
            {
                return null;
            }

            var diagnostics = ReadDiagnostics(ref reader, tree.Length);
            var anchors = new List<SourceNode>();
            return ReadNode(ref reader, file, anchors, tree.Length, depth: 0) is SourceMapping root && reader.AtEnd
                ? (root, diagnostics)
                : null;
        }
        catch (Exception ex) when (ex is EndOfStreamException or FormatException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Only the reading diagnostics at the head of a tree of <paramref name="file"/>, or null when the head is not well formed.</summary>
    public static IReadOnlyList<Diagnostic>? ReadDiagnostics(ReadOnlyMemory<byte> tree, string file)
    {
        try
        {
            var reader = new CompactReader(tree.Span);
            return reader.ReadInt32() == Magic && reader.ReadString() == file ? ReadDiagnostics(ref reader, tree.Length) : null;
        }
        catch (Exception ex) when (ex is EndOfStreamException or FormatException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>A list of diagnostics, as the trees and the file cache's pack both keep them.</summary>
    internal static void WriteDiagnostics(BinaryWriter writer, IReadOnlyList<Diagnostic> diagnostics)
    {
        writer.Write7BitEncodedInt(diagnostics.Count);
        foreach (var d in diagnostics)
        {
            writer.Write(d.Id);
            writer.Write((byte)d.Level);
            writer.Write(d.Message);
            WriteSpan(writer, d.Span);
            writer.Write(d.Span.File);
            writer.Write(d.Subject ?? string.Empty);
            writer.Write(d.Subject is not null);
        }
    }

    /// <summary>What <see cref="WriteDiagnostics"/> wrote; <paramref name="length"/> bounds the count.</summary>
    internal static List<Diagnostic> ReadDiagnostics(ref CompactReader reader, int length)
    {
        var count = Count(ref reader, length);
        var diagnostics = new List<Diagnostic>(Math.Min(count, 64));
        for (var i = 0; i < count; i++)
        {
            var id = reader.ReadString();
            var level = (DiagnosticLevel)reader.ReadByte();
            if (!Enum.IsDefined(level))
            {
                throw new FormatException("Unknown diagnostic level.");
            }

            var message = reader.ReadString();
            var span = ReadSpan(ref reader, string.Empty);
            span = span with { File = reader.ReadString() };
            var subject = reader.ReadString();
            diagnostics.Add(new Diagnostic(id, level, message, span, reader.ReadBoolean() ? subject : null));
        }

        return diagnostics;
    }

    /// <summary>The nodes reached more than once from <paramref name="root"/> (through aliases); usually none.</summary>
    private static HashSet<SourceNode> Shared(SourceNode root)
    {
        var seen = new HashSet<SourceNode>(ReferenceEqualityComparer.Instance);
        var shared = new HashSet<SourceNode>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<SourceNode>();
        pending.Push(root);
        while (pending.TryPop(out var node))
        {
            if (!seen.Add(node))
            {
                shared.Add(node);
                continue;
            }

            switch (node)
            {
                // Keys are kept inside their mapping's entries (see SourceMapping), so only values can be shared.
                case SourceMapping mapping:
                    for (var i = 0; i < mapping.Count; i++)
                    {
                        pending.Push(mapping.ValueAt(i));
                    }

                    break;
                case SourceSequence sequence:
                    foreach (var item in sequence.Items)
                    {
                        pending.Push(item);
                    }

                    break;
            }
        }

        return shared;
    }

    private static void WriteNode(BinaryWriter writer, SourceNode node, HashSet<SourceNode> shared, Dictionary<SourceNode, int> written)
    {
        if (written.TryGetValue(node, out var number))
        {
            writer.Write(Reference);
            writer.Write7BitEncodedInt(number);
            return;
        }

        var anchored = shared.Contains(node);
        if (anchored)
        {
            written[node] = written.Count;
        }

        var flag = anchored ? Anchored : (byte)0;
        switch (node)
        {
            case SourceScalar scalar:
                writer.Write((byte)(Scalar | flag));
                WriteSpan(writer, scalar.Span);
                writer.Write((byte)scalar.Kind);
                writer.Write(scalar.Value);
                break;
            case SourceMapping mapping:
                writer.Write((byte)(Mapping | flag));
                WriteSpan(writer, mapping.Span);
                writer.Write7BitEncodedInt(mapping.Count);
                for (var i = 0; i < mapping.Count; i++)
                {
                    writer.Write(Scalar);
                    WriteSpan(writer, mapping.KeySpanAt(i));
                    writer.Write((byte)mapping.KeyKindAt(i));
                    writer.Write(mapping.KeyAt(i));
                    WriteNode(writer, mapping.ValueAt(i), shared, written);
                }

                break;
            case SourceSequence sequence:
                writer.Write((byte)(Sequence | flag));
                WriteSpan(writer, sequence.Span);
                writer.Write7BitEncodedInt(sequence.Items.Count);
                foreach (var item in sequence.Items)
                {
                    WriteNode(writer, item, shared, written);
                }

                break;
        }
    }

    private static SourceNode ReadNode(ref CompactReader reader, string file, List<SourceNode> anchors, int length, int depth)
    {
        // The reader's own limits bound the depth of any tree it built; a deeper one is damage.
        if (depth > YamlLimits.Default.MaxDepth + 1)
        {
            throw new FormatException("The cached tree is deeper than any tree the reader builds.");
        }

        var tag = reader.ReadByte();
        if (tag == Reference)
        {
            var number = reader.Read7BitEncodedInt();
            return number >= 0 && number < anchors.Count ? anchors[number] : throw new FormatException("A reference to a node not read yet.");
        }

        var anchored = (tag & Anchored) != 0;
        var span = ReadSpan(ref reader, file);
        switch (tag & ~Anchored)
        {
            case Scalar:
                var kind = ReadScalarKind(ref reader);
                var scalar = new SourceScalar(span, ReadScalarText(ref reader), kind);
                if (anchored)
                {
                    anchors.Add(scalar);
                }

                return scalar;
            case Mapping:
                var entries = Count(ref reader, length);
                var mapping = new SourceMapping(span, InitialCapacity(entries, reader));
                if (anchored)
                {
                    anchors.Add(mapping);
                }

                for (var i = entries; i > 0; i--)
                {
                    // A key is read into the entry itself; a shared one (written by an earlier version) goes through the nodes.
                    if (reader.PeekByte() == Scalar)
                    {
                        reader.ReadByte();
                        var keySpan = ReadSpan(ref reader, file);
                        var keyKind = ReadScalarKind(ref reader);
                        var keyText = ReadScalarText(ref reader);
                        mapping.TryAdd(keyText, keySpan, keyKind, ReadNode(ref reader, file, anchors, length, depth + 1));
                    }
                    else
                    {
                        var key = ReadNode(ref reader, file, anchors, length, depth + 1) as SourceScalar ?? throw new FormatException("A key that is not a scalar.");
                        mapping.TryAdd(key, ReadNode(ref reader, file, anchors, length, depth + 1));
                    }
                }

                return mapping;
            case Sequence:
                var items = Count(ref reader, length);
                var sequence = new SourceSequence(span, InitialCapacity(items, reader));
                if (anchored)
                {
                    anchors.Add(sequence);
                }

                for (var i = items; i > 0; i--)
                {
                    sequence.Add(ReadNode(ref reader, file, anchors, length, depth + 1));
                }

                return sequence;
            default:
                throw new FormatException("Unknown node tag.");
        }
    }

    /// <summary>A scalar kind's byte; <see cref="ScalarKind.Null"/> is the last kind.</summary>
    private static ScalarKind ReadScalarKind(ref CompactReader reader)
    {
        var kind = reader.ReadByte();
        return kind <= (byte)ScalarKind.Null ? (ScalarKind)kind : throw new FormatException("Unknown scalar kind.");
    }

    /// <summary>
    /// A scalar's text as <see cref="BinaryWriter.Write(string)"/> wrote it (a length in bytes, then UTF-8). Most
    /// scalars are short and repeat ("name", "string", "true"): those are decoded into a buffer and taken from the
    /// pool without allocating a string that would be dropped at once.
    /// </summary>
    private static string ReadScalarText(ref CompactReader reader)
    {
        var utf8 = reader.ReadStringBytes();
        if (utf8.Length > StringPool.MaxPooledLength * 3)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        Span<char> chars = stackalloc char[StringPool.MaxPooledLength * 3];
        var written = Encoding.UTF8.GetChars(utf8, chars);
        return StringPool.Share(chars[..written]);
    }

    /// <summary>
    /// The list size to start with: exact for the usual collection, but never more than what is left could hold (an
    /// entry takes at least two bytes) nor more than 1,024, so damaged counts nested deep cannot reserve gigabytes.
    /// </summary>
    private static int InitialCapacity(int count, CompactReader reader) => Math.Min(count, Math.Min(reader.Remaining / 2, 1024));

    private static int Count(ref CompactReader reader, int length)
    {
        var count = reader.Read7BitEncodedInt();
        return count >= 0 && count <= length ? count : throw new FormatException("A count larger than the data.");
    }

    // Lines and columns are small: variable-length integers keep a node's span to a few bytes.
    private static void WriteSpan(BinaryWriter writer, SourceSpan span)
    {
        writer.Write7BitEncodedInt(span.Line);
        writer.Write7BitEncodedInt(span.Column);
        writer.Write7BitEncodedInt(span.EndLine);
        writer.Write7BitEncodedInt(span.EndColumn);
    }

    private static SourceSpan ReadSpan(ref CompactReader reader, string file) =>
        new(file, reader.Read7BitEncodedInt(), reader.Read7BitEncodedInt(), reader.Read7BitEncodedInt(), reader.Read7BitEncodedInt());
}
