namespace MeshGovernance.Model.Diagnostics;

/// <summary>
/// Characters that change how text around them is shown without being seen themselves: bidirectional
/// controls (U+202E turns "exe.txt" into "txt.exe" on screen) and the Unicode line and paragraph separators,
/// which some viewers break lines at. Text from the repository shows them as <c>\u202e</c> instead.
/// </summary>
public static class InvisibleCharacters
{
    public static bool IsInvisible(char c) =>
        c is '\u061C' or '\u200E' or '\u200F' or '\u2028' or '\u2029' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    /// <summary>The character as <c>\uXXXX</c>.</summary>
    public static string Shown(char c) => $"\\u{(int)c:x4}";
}
