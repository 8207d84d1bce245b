using MeshGovernance.Model.Diagnostics;

namespace MeshGovernance.Reports.Tests;

/// <summary>The machine-readable writers stream into their destination instead of building the document first.</summary>
public sealed class StreamingWriterTests
{
    /// <summary>Remembers how the text arrived: how many writes, and the largest one.</summary>
    private sealed class RecordingWriter : StringWriter
    {
        public int Writes { get; private set; }

        public int LargestWrite { get; private set; }

        public override void Write(char[] buffer, int index, int count)
        {
            Writes++;
            LargestWrite = Math.Max(LargestWrite, count);
            base.Write(buffer, index, count);
        }
    }

    private static CheckReport Large()
    {
        var findings = Enumerable.Range(0, 20_000)
            .Select(i => new Diagnostic("MG1101", DiagnosticLevel.Error, $"Finding {i} with an accent é and a symbol ✓ that span byte boundaries.", new SourceSpan($"domains/d{i % 50}/products/p{i}.odps.yaml", 1 + (i % 300), 1, 1 + (i % 300), 9), $"d.p{i}"))
            .ToList();
        return new CheckReport(findings, [], 1_000);
    }

    public static TheoryData<string> Formats => ["json", "sarif", "junit"];

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_large_report_arrives_in_bounded_pieces_and_reads_the_same(string format)
    {
        var report = Large();
        var streamed = new RecordingWriter();
        Action<TextWriter, CheckReport> write = format switch
        {
            "json" => JsonReportWriter.Write,
            "sarif" => SarifReportWriter.Write,
            _ => JunitReportWriter.Write,
        };

        write(streamed, report);

        var text = streamed.ToString();
        Assert.True(text.Length > 2_000_000, $"the report is {text.Length} characters");
        Assert.True(streamed.Writes > 10, $"{streamed.Writes} writes");
        Assert.True(streamed.LargestWrite <= 256 * 1024, $"the largest write was {streamed.LargestWrite} characters");
        Assert.Contains("Finding 19999 with an accent é and a symbol ✓", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', text);
    }
}
