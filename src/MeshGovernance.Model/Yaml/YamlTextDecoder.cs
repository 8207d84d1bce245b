using System.Text;
using MeshGovernance.Model.Diagnostics;

namespace MeshGovernance.Model.Yaml;

/// <summary>Turns a file's bytes into text: UTF-8 (with or without BOM) or UTF-16 with a BOM; anything else is reported.</summary>
public static class YamlTextDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string? Decode(ReadOnlySpan<byte> bytes, string file, out Diagnostic? error)
    {
        error = null;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            var encoding = bytes[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode;
            var strict = (Encoding)encoding.Clone();
            strict.DecoderFallback = DecoderFallback.ExceptionFallback;
            try
            {
                return strict.GetString(bytes[2..]);
            }
            catch (DecoderFallbackException)
            {
                error = DiagnosticCatalog.InvalidUtf8.Create(SourceSpan.StartOf(file), "The file starts with a UTF-16 byte-order mark but is not valid UTF-16. Re-save it as UTF-8.");
                return null;
            }
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            var offset = FirstInvalidByte(bytes, ex.Index);
            var (line, column) = PositionOf(bytes, offset);
            error = DiagnosticCatalog.InvalidUtf8.Create(
                SourceSpan.At(file, line, column),
                $"Byte 0x{bytes[offset]:X2} at offset {offset} is not valid UTF-8. Re-save the file as UTF-8.");
            return null;
        }
    }

    // DecoderFallbackException.Index is relative to the decoder's internal buffer, so find the byte ourselves.
    private static int FirstInvalidByte(ReadOnlySpan<byte> bytes, int hint)
    {
        var status = System.Text.Unicode.Utf8.ToUtf16(bytes, new char[bytes.Length], out var read, out _, replaceInvalidSequences: false);
        return status == System.Buffers.OperationStatus.InvalidData || status == System.Buffers.OperationStatus.NeedMoreData
            ? Math.Min(read, bytes.Length - 1)
            : Math.Clamp(hint, 0, bytes.Length - 1);
    }

    /// <summary>1-based line and column (in characters) of a byte offset in UTF-8 text.</summary>
    private static (int Line, int Column) PositionOf(ReadOnlySpan<byte> bytes, int offset)
    {
        var before = bytes[..offset];
        var lastNewline = before.LastIndexOf((byte)'\n');
        var line = before.Count((byte)'\n') + 1;
        var lineStart = before[(lastNewline + 1)..];
        var column = Encoding.UTF8.GetCharCount(lineStart) + 1;
        return (line, column);
    }
}
