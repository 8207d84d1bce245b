using System.Text;
using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Model.Tests.Yaml;

public class YamlTextDecoderTests
{
    [Fact]
    public void Strips_a_utf8_byte_order_mark()
    {
        var text = YamlTextDecoder.Decode([0xEF, 0xBB, 0xBF, (byte)'a', (byte)':', (byte)' ', (byte)'1'], "f.yaml", out var error);

        Assert.Null(error);
        Assert.Equal("a: 1", text);
    }

    [Fact]
    public void Reads_utf16_with_a_byte_order_mark()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("name: Zoë")).ToArray();

        Assert.Equal("name: Zoë", YamlTextDecoder.Decode(bytes, "f.yaml", out _));
    }

    [Fact]
    public void Reports_the_line_and_column_of_the_first_invalid_byte()
    {
        var bytes = Encoding.UTF8.GetBytes("id: x\nname: é").Concat(new byte[] { 0xFF, 0xFE }).ToArray();

        var text = YamlTextDecoder.Decode(bytes, "f.yaml", out var error);

        Assert.Null(text);
        Assert.Equal(("MG1003", 2, 8), (error!.Id, error.Line, error.Column));
        Assert.Contains("0xFF", error.Message);
    }
}
