namespace MeshGovernance.Model.Text;

/// <summary>The small pieces of English and text shaping every output shares, written once.</summary>
public static class Wording
{
    /// <summary>"1 file", "3 files"; "2 policies" with <paramref name="plural"/>.</summary>
    public static string Plural(int count, string noun, string? plural = null) => count == 1 ? $"1 {noun}" : $"{count} {plural ?? noun + "s"}";

    /// <summary>
    /// <paramref name="text"/> cut to at most <paramref name="maxChars"/> characters, the last being "…", never
    /// between the two halves of a surrogate pair; unchanged when it fits.
    /// </summary>
    public static string Cut(string text, int maxChars)
    {
        if (text.Length <= maxChars)
        {
            return text;
        }

        var end = Math.Max(0, maxChars - 1);
        if (end > 0 && char.IsHighSurrogate(text[end - 1]))
        {
            end--;
        }

        return string.Concat(text.AsSpan(0, end), "…");
    }
}
