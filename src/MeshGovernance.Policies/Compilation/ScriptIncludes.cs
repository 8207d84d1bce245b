using System.Text.RegularExpressions;
using MeshGovernance.Model.Loading;

namespace MeshGovernance.Policies.Compilation;

/// <summary>
/// Resolves a policy's <c>#load</c> directives without the compiler (the cache key needs the loaded files'
/// text before deciding whether to start Roslyn): only <c>.csx</c> files inside the policies folder.
/// </summary>
internal static partial class ScriptIncludes
{
    public const int MaxFileBytes = 1024 * 1024;

    /// <summary>The full path a <c>#load</c> names, or null when it is refused (outside the folder, not .csx, a link leaving it, absent).</summary>
    public static string? Resolve(string path, string baseDirectory, string? loadFolder)
    {
        // A control character (a NUL makes Path.GetFullPath throw) names no file a policy may load: the
        // directive stays unresolved, which the compiler reports at the directive (MG1310).
        if (loadFolder is null || path.Length == 0 || !path.EndsWith(".csx", StringComparison.Ordinal) || path.Any(char.IsControl))
        {
            return null;
        }

        // Every link on the way is resolved (a linked folder inside the policies folder may lead out of it).
        var full = Path.GetFullPath(Path.Combine(baseDirectory, path));
        return IsInside(full, loadFolder) && File.Exists(full) && RealPaths.IsInside(full, loadFolder) ? full : null;
    }

    /// <summary>The paths of the <c>#load</c> directives of a script's text, in order.</summary>
    public static IEnumerable<string> Directives(string text) =>
        LoadDirective().Matches(text).Select(m => m.Groups[1].Value).Where(p => !Scripting.EditorGlobals.IsEditorGlobals(p));

    /// <summary>Every file a script loads, transitively: (full path, text), for the cache key.</summary>
    public static IReadOnlyList<(string Path, string Text)> Transitive(string text, string baseDirectory, string? loadFolder)
    {
        var found = new List<(string, string)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<(string Text, string Directory)>();
        pending.Push((text, baseDirectory));
        while (pending.Count > 0)
        {
            var (current, directory) = pending.Pop();
            foreach (var directive in Directives(current))
            {
                if (Resolve(directive, directory, loadFolder) is { } full && seen.Add(full) && new FileInfo(full).Length <= MaxFileBytes)
                {
                    // A pipe or a device reports no length, and opening a pipe blocks: read as empty.
                    var loaded = new FileInfo(full).Length == 0 ? string.Empty : File.ReadAllText(full);
                    found.Add((full, loaded));
                    pending.Push((loaded, Path.GetDirectoryName(full)!));
                }
            }
        }

        return found;
    }

    private static bool IsInside(string full, string folder) =>
        full.StartsWith(folder.EndsWith(Path.DirectorySeparatorChar) ? folder : folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    // A directive starts a line, which C# ends with any of CR, LF, U+0085, U+2028 and U+2029 (a bare CR too): a
    // pattern that knew only LF missed a directive the compiler read, and the cache kept a changed library's old
    // build. Reading more than the compiler does (a directive in a comment) only adds a file to the key.
    [GeneratedRegex("(?:\\A|(?<=[\\r\\n\\u0085\\u2028\\u2029]))[^\\S\\r\\n\\u0085\\u2028\\u2029]*#[^\\S\\r\\n\\u0085\\u2028\\u2029]*load[^\\S\\r\\n\\u0085\\u2028\\u2029]*\"([^\"\\r\\n\\u0085\\u2028\\u2029]*)\"")]
    private static partial Regex LoadDirective();
}
