using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Model.Tests.Yaml;

public sealed class SourceTreeFormatTests
{
    private const string Document = """
        apiVersion: v3.1.0
        kind: DataContract
        id: sales.orders.v1
        version: "1.0.0"
        count: 12
        ratio: 0.5
        active: true
        nothing: null
        defaults: &defaults
          logicalType: string
          required: false
        schema:
          - name: orders
            properties:
              - name: id
                base: *defaults
              - name: note
                base: *defaults
        description: |
          Two lines,
          with "quotes" and a tab	inside.
        name: first
        name: second
        """;

    [Fact]
    public void A_tree_reads_back_equal_with_spans_kinds_and_shared_aliases()
    {
        var original = YamlDocumentReader.Read(Document, "domains/sales/contracts/orders.odcs.yaml", YamlLimits.Default);

        var bytes = SourceTreeFormat.Write(original.Root!, original.Diagnostics);
        var copy = SourceTreeFormat.Read(bytes, "domains/sales/contracts/orders.odcs.yaml");

        Assert.NotNull(copy);
        Assert.Equal(original.Diagnostics, copy.Value.Diagnostics);
        Assert.Single(copy.Value.Diagnostics, d => d.Id == "MG1007");
        AssertSame(original.Root!, copy.Value.Root);
        var properties = ((SourceSequence)((SourceMapping)((SourceSequence)copy.Value.Root["schema"]!).Items[0])["properties"]!).Items.Cast<SourceMapping>().ToList();
        Assert.Same(properties[0]["base"], properties[1]["base"]);
    }

    [Fact]
    public void Aliases_of_scalars_and_anchors_inside_anchored_nodes_stay_shared()
    {
        const string document = """
            a: &s value
            b: *s
            c: &m
              x: &inner 1
              y: *inner
            d: *m
            e: [*inner, *s]
            """;
        var original = YamlDocumentReader.Read(document, "a.yaml", YamlLimits.Default);

        var copy = SourceTreeFormat.Read(SourceTreeFormat.Write(original.Root!, original.Diagnostics), "a.yaml")!.Value.Root;

        AssertSame(original.Root!, copy);
        var inner = (SourceMapping)copy["c"]!;
        var list = (SourceSequence)copy["e"]!;
        Assert.Same(copy["a"], copy["b"]);
        Assert.Same(inner, copy["d"]);
        Assert.Same(inner["x"], inner["y"]);
        Assert.Same(inner["x"], list.Items[0]);
        Assert.Same(copy["a"], list.Items[1]);
    }

    [Fact]
    public void Damaged_or_foreign_bytes_read_as_not_cached()
    {
        var original = YamlDocumentReader.Read(Document, "a.yaml", YamlLimits.Default);
        var bytes = SourceTreeFormat.Write(original.Root!, original.Diagnostics);

        Assert.Null(SourceTreeFormat.Read(bytes, "b.yaml"));
        Assert.Null(SourceTreeFormat.Read(bytes.AsMemory(0, bytes.Length / 2), "a.yaml"));
        Assert.Null(SourceTreeFormat.Read(new byte[] { 1, 2, 3 }.Concat(bytes).ToArray().AsMemory(1), "a.yaml"));
        Assert.Null(SourceTreeFormat.Read((byte[])[.. bytes, 0], "a.yaml"));
        Assert.NotNull(SourceTreeFormat.Read(((byte[])[9, .. bytes, 9]).AsMemory(1, bytes.Length), "a.yaml"));
        var flipped = (byte[])bytes.Clone();
        flipped[^10] ^= 0xFF;
        var read = SourceTreeFormat.Read(flipped, "a.yaml");
        Assert.True(read is null || read.Value.Root.Entries.Count == original.Root!.Entries.Count);
    }

    [Fact]
    public void A_key_is_one_node_however_often_and_from_however_many_threads_it_is_read()
    {
        var root = YamlDocumentReader.Read("a: 1\nbb: 2\n", "f.yaml", YamlLimits.Default).Root!;
        var copy = SourceTreeFormat.Read(SourceTreeFormat.Write(root, []), "f.yaml")!.Value.Root;

        var keys = Enumerable.Range(0, 64).AsParallel().Select(_ => copy.KeyNode("bb")).ToList();

        Assert.All(keys, key => Assert.Same(keys[0], key));
        Assert.Same(keys[0], copy.Entries[1].Key);
        Assert.Equal(new SourceSpan("f.yaml", 2, 1, 2, 3), keys[0]!.Span);
    }

    [Fact]
    public void A_tree_whose_key_was_written_as_a_shared_node_still_reads()
    {
        // Earlier writers numbered a key that an alias elsewhere refers to; such trees are still in caches.
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer))
        {
            writer.Write(0x3354474D);
            writer.Write("f.yaml");
            writer.Write7BitEncodedInt(0);
            writer.Write((byte)2); // a mapping of two entries
            WriteSpan(writer, 1, 1, 3, 1);
            writer.Write7BitEncodedInt(2);
            writer.Write((byte)(1 | 0x80)); // key "k", shared
            WriteSpan(writer, 1, 1, 1, 2);
            writer.Write((byte)ScalarKind.String);
            writer.Write("k");
            writer.Write((byte)1); // its value
            WriteSpan(writer, 1, 4, 1, 5);
            writer.Write((byte)ScalarKind.Integer);
            writer.Write("1");
            writer.Write((byte)1); // key "b"
            WriteSpan(writer, 2, 1, 2, 2);
            writer.Write((byte)ScalarKind.String);
            writer.Write("b");
            writer.Write((byte)0); // its value: the key "k"
            writer.Write7BitEncodedInt(0);
        }

        var root = SourceTreeFormat.Read(buffer.ToArray(), "f.yaml")!.Value.Root;

        Assert.Equal(["k", "b"], root.Entries.Select(e => e.Key.Value));
        Assert.Equal((ScalarKind.Integer, "1"), (((SourceScalar)root["k"]!).Kind, ((SourceScalar)root["k"]!).Value));
        Assert.Equal(new SourceSpan("f.yaml", 1, 1, 1, 2), root["b"]!.Span);
        Assert.Equal("k", root.GetString("b"));

        static void WriteSpan(BinaryWriter writer, int line, int column, int endLine, int endColumn)
        {
            writer.Write7BitEncodedInt(line);
            writer.Write7BitEncodedInt(column);
            writer.Write7BitEncodedInt(endLine);
            writer.Write7BitEncodedInt(endColumn);
        }
    }

    [Fact]
    public void A_mapping_lists_its_keys_as_text_in_document_order_read_or_written()
    {
        var root = YamlDocumentReader.Read(Document, "a.yaml", YamlLimits.Default).Root!;
        var read = SourceTreeFormat.Read(SourceTreeFormat.Write(root, []), "a.yaml")!.Value.Root;

        string[] expected = ["apiVersion", "kind", "id", "version", "count", "ratio", "active", "nothing", "defaults", "schema"];
        Assert.Equal(expected, root.Keys.Take(expected.Length));
        Assert.Equal(root.Entries.Select(e => e.Key.Value), root.Keys);
        Assert.Equal(root.Keys, read.Keys);
    }

    private static void AssertSame(SourceNode expected, SourceNode actual)
    {
        Assert.Equal(expected.GetType(), actual.GetType());
        Assert.Equal(expected.Span, actual.Span);
        Assert.Equal(expected.ExpandedSize, actual.ExpandedSize);
        Assert.Equal(expected.Height, actual.Height);
        switch (expected)
        {
            case SourceScalar scalar:
                Assert.Equal((scalar.Value, scalar.Kind), (((SourceScalar)actual).Value, ((SourceScalar)actual).Kind));
                break;
            case SourceMapping mapping:
                var other = (SourceMapping)actual;
                Assert.Equal(mapping.Entries.Count, other.Entries.Count);
                for (var i = 0; i < mapping.Entries.Count; i++)
                {
                    AssertSame(mapping.Entries[i].Key, other.Entries[i].Key);
                    AssertSame(mapping.Entries[i].Value, other.Entries[i].Value);
                }

                break;
            case SourceSequence sequence:
                var items = ((SourceSequence)actual).Items;
                Assert.Equal(sequence.Items.Count, items.Count);
                for (var i = 0; i < items.Count; i++)
                {
                    AssertSame(sequence.Items[i], items[i]);
                }

                break;
        }
    }
}
