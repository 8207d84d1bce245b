using System.Collections.Concurrent;
using System.Security.Cryptography;
using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Model.Loading;

/// <summary>
/// What reading a file produced before, keyed by its path, kind and exact bytes and by this build of the model
/// (whose schemas are embedded): the parsed node tree in its compact form (<see cref="SourceTreeFormat"/>) and the
/// schema-validation results. An unchanged file is neither scanned nor validated again. Everything lives in one pack
/// file per build (<see cref="FileCachePack"/>), read whole at the start and written, when something changed, at the
/// end. Like the policy cache, it lives outside the repository under check.
/// </summary>
public sealed class FileCache
{
    private static readonly string Fingerprint = typeof(FileCache).Assembly.ManifestModule.ModuleVersionId.ToString("N");
    private readonly IReadOnlyDictionary<string, FileCacheEntry> _known;
    private readonly ConcurrentDictionary<string, FileCacheEntry> _used = new(StringComparer.Ordinal);
    private readonly string _path;
    private int _hits;
    private int _misses;
    private int _added;

    private FileCache(string path, IReadOnlyDictionary<string, FileCacheEntry> known)
    {
        _path = path;
        _known = known;
    }

    /// <summary>Files whose schema results were reused.</summary>
    public int Hits => _hits;

    /// <summary>Files schema-validated in this run.</summary>
    public int Misses => _misses;

    /// <summary>Opens the pack in a folder; an absent, unreadable, cut short, malformed or foreign pack starts empty.</summary>
    public static FileCache Open(string directory)
    {
        var path = Path.Combine(Path.GetFullPath(directory), "files-" + Fingerprint + ".pack");
        return new FileCache(path, FileCachePack.Read(path));
    }

    public static string Key(MeshFile file, ReadOnlySpan<byte> bytes)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(bytes, hash);
        return $"{(int)file.Kind}:{file.RelativePath}:{Convert.ToHexStringLower(hash)}";
    }

    internal bool TryGet(string key, out IReadOnlyList<Diagnostic> diagnostics)
    {
        if (Find(key)?.SchemaDiagnostics is { } known)
        {
            diagnostics = known;
            Interlocked.Increment(ref _hits);
            return true;
        }

        diagnostics = [];
        Interlocked.Increment(ref _misses);
        return false;
    }

    internal void Add(string key, IReadOnlyList<Diagnostic> diagnostics)
    {
        _used.AddOrUpdate(key, new FileCacheEntry(default, diagnostics), (_, entry) => entry with { SchemaDiagnostics = diagnostics });
        Interlocked.Increment(ref _added);
    }

    /// <summary>The node tree and reading diagnostics of an unchanged file, when they were kept undamaged.</summary>
    internal YamlReadResult? TryGetTree(string key, string file)
    {
        var entry = Find(key);
        var tree = entry?.Tree ?? default;
        return !tree.IsEmpty && FileCacheEntry.Checksum(tree.Span) == entry!.TreeChecksum && SourceTreeFormat.Read(tree, file) is { } read
            ? new YamlReadResult(read.Root, read.Diagnostics) { CompactTree = tree }
            : null;
    }

    /// <summary>
    /// An unchanged file loaded from its entry alone, its tree left in the pack until it is used
    /// (<see cref="LoadedFile.TreeDeferred"/>); null unless the entry holds an undamaged tree, the schema findings and the subject.
    /// </summary>
    internal LoadedFile? TryGetDeferred(string key, MeshFile file, YamlLimits limits)
    {
        if (Find(key) is not { Tree.IsEmpty: false, SchemaDiagnostics: { } schema, Subject: { } subject } entry
            || FileCacheEntry.Checksum(entry.Tree.Span) != entry.TreeChecksum
            || SourceTreeFormat.ReadDiagnostics(entry.Tree, file.RelativePath) is not { } reading)
        {
            // A damaged tree is read as if it were not cached: the file is parsed again, and its entry replaced.
            return null;
        }

        Interlocked.Increment(ref _hits);
        var diagnostics = reading.Select(d => d with { Subject = subject.Id }).Concat(schema).ToList();
        return LoadedFile.WithDeferredTree(file, new DeferredTree(file, entry.Tree, limits), diagnostics);
    }

    /// <summary>Records the subject of a file read in a format meshgov reads, so that the next run can leave its tree in the pack.</summary>
    internal void AddSubject(string key, string? subject)
    {
        if (Find(key)?.Subject is not null)
        {
            return;
        }

        var known = new FileSubject(subject);
        _used.AddOrUpdate(key, new FileCacheEntry(default, null) { Subject = known }, (_, entry) => entry with { Subject = known });
        Interlocked.Increment(ref _added);
    }

    /// <summary>Keeps a file's node tree (written with the pack); returns the compact form.</summary>
    internal ReadOnlyMemory<byte> AddTree(string key, SourceMapping root, IReadOnlyList<Diagnostic> diagnostics)
    {
        var tree = SourceTreeFormat.Write(root, diagnostics);
        var checksum = FileCacheEntry.Checksum(tree);
        _used.AddOrUpdate(key, new FileCacheEntry(tree, null) { TreeChecksum = checksum }, (_, entry) => entry with { Tree = tree, TreeChecksum = checksum });
        Interlocked.Increment(ref _added);
        return tree;
    }

    /// <summary>
    /// Writes the pack when this run added anything: the entries of this run first, then older ones while they fit
    /// (<see cref="FileCachePack"/>'s bounds). Best effort: a cache that cannot be written costs a re-read next time.
    /// </summary>
    public void Save()
    {
        if (Volatile.Read(ref _added) == 0)
        {
            return;
        }

        var used = _used.ToList();
        var older = _known.Where(k => !_used.ContainsKey(k.Key));
        FileCachePack.Write(_path, used, older);
        Interlocked.Exchange(ref _added, 0);
    }

    /// <summary>The entry of a key, marked as used by this run so that <see cref="Save"/> keeps it.</summary>
    private FileCacheEntry? Find(string key)
    {
        if (_used.TryGetValue(key, out var entry))
        {
            return entry;
        }

        if (_known.TryGetValue(key, out var known))
        {
            return _used.GetOrAdd(key, known);
        }

        return null;
    }
}
