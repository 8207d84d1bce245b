using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace MeshGovernance.Policies.Compilation;

/// <summary>
/// Resolves <c>#load</c> for the compiler, within the policies folder only (see <see cref="ScriptIncludes"/>);
/// serves instrumented text instead of the file's when given it.
/// </summary>
internal sealed class ScriptLoadResolver(string mainPath, string? mainFullPath, string? loadFolder, IReadOnlyDictionary<string, string>? replacements = null)
    : SourceReferenceResolver
{
    public override string? NormalizePath(string path, string? baseFilePath) => path;

    private const string EditorGlobalsPath = "meshgov:editor-globals";

    public override string? ResolveReference(string path, string? baseFilePath)
    {
        if (Scripting.EditorGlobals.IsEditorGlobals(path))
        {
            return EditorGlobalsPath;
        }

        var baseFile = baseFilePath == mainPath ? mainFullPath : baseFilePath;
        if (baseFile is null)
        {
            return null;
        }

        return ScriptIncludes.Resolve(path, Path.GetDirectoryName(baseFile)!, loadFolder);
    }

    public override Stream OpenRead(string resolvedPath)
    {
        if (resolvedPath == EditorGlobalsPath)
        {
            return new MemoryStream();
        }

        if (replacements is not null && replacements.TryGetValue(resolvedPath, out var text))
        {
            return new MemoryStream(Encoding.UTF8.GetBytes(text));
        }

        // Opening a pipe blocks until someone writes to it; a pipe or a device reports no length: read as empty.
        if (new FileInfo(resolvedPath).Length == 0)
        {
            return new MemoryStream();
        }

        var stream = File.OpenRead(resolvedPath);
        if (stream.Length > ScriptIncludes.MaxFileBytes)
        {
            stream.Dispose();
            throw new IOException($"'{resolvedPath}' is larger than {ScriptIncludes.MaxFileBytes} bytes.");
        }

        return stream;
    }

    public override SourceText ReadText(string resolvedPath)
    {
        using var stream = OpenRead(resolvedPath);
        return SourceText.From(stream, Encoding.UTF8);
    }

    public override bool Equals(object? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => mainPath.GetHashCode(StringComparison.Ordinal);
}
