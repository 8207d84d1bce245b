using System.Text;

namespace MeshGovernance.Site.Tests;

/// <summary>The buffer each worker of the build renders its pages into, checks their links in and writes them from.</summary>
public sealed class PageBufferTests
{
    private static PageBuffer Written(string text)
    {
        var page = new PageBuffer();
        page.Write(text);
        return page;
    }

    [Theory]
    [InlineData("\n  <!DOCTYPE html>\n<html lang=\"en\"></html>", "<!DOCTYPE html>\n<html lang=\"en\"></html>")]
    [InlineData("<!DOCTYPE html><html></html>", "<!DOCTYPE html>\n<html></html>")]
    [InlineData("<html></html>", "<!DOCTYPE html>\n<html></html>")]
    [InlineData("", "<!DOCTYPE html>\n")]
    [InlineData("                        <!DOCTYPE html>\n<b>room enough before it</b>", "<!DOCTYPE html>\n<b>room enough before it</b>")]
    public void A_document_starts_with_one_doctype_on_a_line_of_its_own(string rendered, string document)
    {
        var page = Written(rendered);

        page.MakeDocument();

        Assert.Equal(document, page.ToString());
    }

    [Fact]
    public void A_page_far_larger_than_the_buffer_is_kept_whole()
    {
        var body = string.Concat(Enumerable.Range(0, 40_000).Select(i => $"<p>{i}</p>"));
        var page = new PageBuffer();
        page.Write("   <!DOCTYPE html>");
        foreach (var ch in body[..1000])
        {
            page.Write(ch);
        }

        page.Write(body.ToCharArray(), 1000, body.Length - 1000);
        page.MakeDocument();

        Assert.Equal("<!DOCTYPE html>\n" + body, page.ToString());
    }

    [Fact]
    public void The_next_page_starts_empty()
    {
        var page = Written("<!DOCTYPE html><p>first</p>");
        page.MakeDocument();

        page.Clear();
        page.Write("<p>second</p>");

        Assert.Equal("<p>second</p>", page.ToString());
    }

    [Fact]
    public void Its_bytes_are_utf8_without_a_byte_order_mark_and_only_the_page_s()
    {
        var page = Written(new string('x', 10_000));
        _ = page.Utf8();
        page.Clear();
        page.Write("<p>Zoë · 数据 · 🚀</p>");

        Assert.Equal(Encoding.UTF8.GetBytes("<p>Zoë · 数据 · 🚀</p>"), page.Utf8().ToArray());
    }

    [Fact]
    public void Links_are_read_from_the_page_html_decoded()
    {
        var page = Written("<a href=\"../products/a/index.html?x=1&amp;y=2\">a</a>\n<img alt=\"\" src=\"assets/logo.svg\"><a\thref=\"\">empty</a>");

        var references = LinkChecker.References("domains/d/index.html", page.Text);

        Assert.Equal(
            [
                new PageReference("domains/d/index.html", "href", "../products/a/index.html?x=1&y=2"),
                new PageReference("domains/d/index.html", "src", "assets/logo.svg"),
                new PageReference("domains/d/index.html", "href", ""),
            ],
            references);
    }
}
