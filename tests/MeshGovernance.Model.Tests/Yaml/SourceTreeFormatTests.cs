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
