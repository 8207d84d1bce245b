using System.Text;

namespace MeshGovernance.Site;

/// <summary>
/// One page's HTML as the renderer writes it, then checked for links and written to disk from the same memory.
/// Each worker of the build reuses one from page to page: a page is 100 KB or more, and as strings each one was
/// copied four times (the render, the doctype moved, the concatenation, the UTF-8 bytes) on the large-object heap.
/// </summary>
public sealed class PageBuffer : TextWriter
{
    private const string Doctype = "<!DOCTYPE html>";

    private char[] _chars = new char[128 * 1024];
    private byte[] _bytes = [];
    private int _start;
    private int _end;

    public override Encoding Encoding => Encoding.UTF8;

    /// <summary>The page's text so far.</summary>
    public ReadOnlySpan<char> Text => _chars.AsSpan(_start, _end - _start);

    public void Clear() => (_start, _end) = (0, 0);

    public override void Write(char value)
    {
        Reserve(1);
        _chars[_end++] = value;
    }

    public override void Write(string? value) => Write(value.AsSpan());

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(ReadOnlySpan<char> buffer)
    {
        Reserve(buffer.Length);
        buffer.CopyTo(_chars.AsSpan(_end));
        _end += buffer.Length;
    }

    /// <summary>
    /// Makes the text an HTML document: the doctype, which a component cannot write before the layout's leading
    /// whitespace, moved to the very start on a line of its own.
    /// </summary>
    public void MakeDocument()
    {
        var kept = _start;
        var rest = Text;
        while (rest.IndexOf(Doctype, StringComparison.Ordinal) is var at and >= 0)
        {
            rest[..at].CopyTo(_chars.AsSpan(kept));
            kept += at;
            rest = rest[(at + Doctype.Length)..];
        }

        rest.CopyTo(_chars.AsSpan(kept));
        _end = kept + rest.Length;
        while (_start < _end && char.IsWhiteSpace(_chars[_start]))
        {
            _start++;
        }

        const string Prefix = Doctype + "\n";
        if (_start < Prefix.Length)
        {
            var length = _end - _start;
            Reserve(Prefix.Length);
            Array.Copy(_chars, _start, _chars, Prefix.Length, length);
            (_start, _end) = (Prefix.Length, Prefix.Length + length);
        }

        _start -= Prefix.Length;
        Prefix.CopyTo(_chars.AsSpan(_start));
    }

    /// <summary>The text as UTF-8 without a byte order mark, valid until the buffer is written to again.</summary>
    public ReadOnlySpan<byte> Utf8()
    {
        var count = Encoding.UTF8.GetByteCount(Text);
        if (_bytes.Length < count)
        {
            _bytes = new byte[Math.Max(count, _bytes.Length * 2)];
        }

        var written = Encoding.UTF8.GetBytes(Text, _bytes);
        return _bytes.AsSpan(0, written);
    }

    public override string ToString() => Text.ToString();

    private void Reserve(int more)
    {
        if (_end + more > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _end + more));
        }
    }
}
