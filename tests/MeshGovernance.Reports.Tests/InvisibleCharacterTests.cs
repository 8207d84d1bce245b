namespace MeshGovernance.Reports.Tests;

/// <summary>Bidirectional controls and Unicode line separators from the repository are shown, not obeyed.</summary>
public sealed class InvisibleCharacterTests
{
    [Fact]
    public void Text_reports_show_them()
    {
        Assert.Equal("invoice.\\u202etxt.exe and\\u2029more", TextReportWriter.OneLine("invoice.\u202etxt.exe and\u2029more"));
    }

    [Fact]
    public void Markdown_cells_show_them()
    {
        var cell = MarkdownEscaping.Cell("a\u2066b\u2028c");

        Assert.DoesNotContain('\u2066', cell);
        Assert.DoesNotContain('\u2028', cell);
        Assert.Equal("a\\\\u2066b\\\\u2028c", cell);
    }
}
