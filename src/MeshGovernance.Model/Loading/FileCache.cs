using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Model.Loading;

/// <summary>
/// What reading a file produced before, keyed by its path, kind and exact bytes and by this build of the model
/// (whose schemas are embedded): the schema-validation results (one index file, read at the start and written
/// at the end) and the parsed node tree (one small binary file per source file, <see cref="SourceTreeFormat"/>).
/// An unchanged file is neither scanned nor validated again. Like the policy cache, it lives outside the
/// repository under check.
/// </summary>
public sealed class FileCache
{
    private const int MaxEntries = 200_000;
    private static readonly string Fingerprint = typeof(FileCache).Assembly.ManifestModule.ModuleVersionId.ToString("N");
    private readonly ConcurrentDictionary<string, IReadOnlyList<Diagnostic>> _known;
    private readonly ConcurrentDictionary<string, IReadOnlyList<Diagnostic>> _used = new(StringComparer.Ordinal);
    private readonly string _path;
    private readonly string _trees;

    private FileCache(string path, ConcurrentDictionary<string, IReadOnlyList<Diagnostic>> known)
    {
        _path = path;
        _known = known;
        _trees = Path.Combine(Path.GetDirectoryName(path)!, "trees-" + Fingerprint);
    }

    private int _hits;
    private int _misses;

    public int Hits => _hits;

    public int Misses => _misses;

    /// <summary>Opens the index in a folder; an absent, unreadable or foreign index starts empty.</summary>
    public static FileCache Open(string directory)
    {
        var path = Path.Combine(Path.GetFullPath(directory), "validation-" + Fingerprint + ".idx");
        var known = new ConcurrentDictionary<string, IReadOnlyList<Diagnostic>>(StringComparer.Ordinal);
        try
        {
            if (File.Exists(path))
            {
                Read(File.ReadAllLines(path, Encoding.UTF8), known);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            known.Clear();
        }

        return new FileCache(path, known);
    }

    public static string Key(MeshFile file, ReadOnlySpan<byte> bytes)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(bytes, hash);
        return $"{(int)file.Kind}:{file.RelativePath}:{Convert.ToHexStringLower(hash)}";
    }

    internal bool TryGet(string key, out IReadOnlyList<Diagnostic> diagnostics)
    {
        if (_known.TryGetValue(key, out diagnostics!))
        {
            _used[key] = diagnostics;
            Interlocked.Increment(ref _hits);
            return true;
        }

        Interlocked.Increment(ref _misses);
        return false;
    }

    internal void Add(string key, IReadOnlyList<Diagnostic> diagnostics) => _used[key] = diagnostics;

    /// <summary>The node tree and reading diagnostics of an unchanged file, when they were kept.</summary>
    internal YamlReadResult? TryGetTree(string key, string file)
    {
        try
        {
            var path = TreePath(key);
            if (!File.Exists(path))
            {
                return null;
            }

            var bytes = File.ReadAllBytes(path);
            return SourceTreeFormat.Read(bytes, file) is { } tree
                ? new YamlReadResult(tree.Root, tree.Diagnostics) { CompactTree = bytes }
                : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Keeps a file's node tree, through a temporary file and a rename (best effort); returns the compact form.</summary>
    internal byte[] AddTree(string key, SourceMapping root, IReadOnlyList<Diagnostic> diagnostics)
    {
        var bytes = SourceTreeFormat.Write(root, diagnostics);
        try
        {
            Directory.CreateDirectory(_trees);
            var path = TreePath(key);
            var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A tree that cannot be kept is scanned again next time, nothing else.
        }

        return bytes;
    }

    private string TreePath(string key) =>
        Path.Combine(_trees, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))) + ".tree");

    /// <summary>Writes the entries of this run (and as many older ones as fit) through a temporary file. Best effort.</summary>
    public void Save()
    {
        try
        {
            var entries = _used.Concat(_known.Where(k => !_used.ContainsKey(k.Key))).Take(MaxEntries);
            var text = new StringBuilder();
            foreach (var (key, diagnostics) in entries)
            {
                text.Append(key).Append('\t').Append(diagnostics.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
                foreach (var d in diagnostics)
                {
                    text.Append(Escape(d.Id)).Append('\t').Append((int)d.Level).Append('\t')
                        .Append(Escape(d.Span.File)).Append('\t').Append(d.Span.Line).Append('\t').Append(d.Span.Column).Append('\t')
                        .Append(d.Span.EndLine).Append('\t').Append(d.Span.EndColumn).Append('\t')
                        .Append(d.Subject is null ? "\u0000" : Escape(d.Subject)).Append('\t').Append(Escape(d.Message)).Append('\n');
                }
            }

            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
            var temporary = _path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllText(temporary, text.ToString(), new UTF8Encoding(false));
            File.Move(temporary, _path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A cache that cannot be written costs a re-validation next time, nothing else.
        }
    }

    private static void Read(string[] lines, ConcurrentDictionary<string, IReadOnlyList<Diagnostic>> known)
    {
        for (var i = 0; i < lines.Length;)
        {
            var header = lines[i++].Split('\t');
            var count = int.Parse(header[1], NumberStyles.None, CultureInfo.InvariantCulture);
            var diagnostics = new List<Diagnostic>(count);
            for (var n = 0; n < count; n++)
            {
                var f = lines[i++].Split('\t');
                var level = (DiagnosticLevel)int.Parse(f[1], NumberStyles.None, CultureInfo.InvariantCulture);
                if (!Enum.IsDefined(level))
                {
                    throw new FormatException("Unknown level in the file cache.");
                }

                diagnostics.Add(new Diagnostic(
                    Unescape(f[0]),
                    level,
                    Unescape(f[8]),
                    new SourceSpan(Unescape(f[2]), Int(f[3]), Int(f[4]), Int(f[5]), Int(f[6])),
                    f[7] == "\u0000" ? null : Unescape(f[7])));
            }

            known[header[0]] = diagnostics;
        }

        static int Int(string text) => int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
    }

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);

    private static string Unescape(string text)
    {
        if (!text.Contains('\\', StringComparison.Ordinal))
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                result.Append(text[++i] switch { 't' => '\t', 'n' => '\n', 'r' => '\r', var c => c });
            }
            else
            {
                result.Append(text[i]);
            }
        }

        return result.ToString();
    }
}
