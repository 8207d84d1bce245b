using System.Text;

namespace MeshGovernance.Git;

/// <summary>Decoding of git's raw output: NUL-separated records, paths as strict UTF-8.</summary>
internal static class GitOutput
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The NUL-terminated fields of <c>-z</c> output.</summary>
    public static List<string> SplitNul(ReadOnlySpan<byte> output)
    {
        var fields = new List<string>();
        while (!output.IsEmpty)
        {
            var end = output.IndexOf((byte)0);
            var field = end < 0 ? output : output[..end];
            fields.Add(Decode(field));
            output = end < 0 ? [] : output[(end + 1)..];
        }

        return fields;
    }

    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException exception)
        {
            var shown = Encoding.UTF8.GetString(bytes);
            throw new GitException(
                $"git reported a name that is not valid UTF-8 ('{shown}'). Rename the file (or branch) to a UTF-8 name.", exception);
        }
    }

    public static string FirstLine(string text)
    {
        var trimmed = text.Trim();
        var end = trimmed.IndexOf('\n');
        return end < 0 ? trimmed : trimmed[..end].TrimEnd('\r');
    }
}
