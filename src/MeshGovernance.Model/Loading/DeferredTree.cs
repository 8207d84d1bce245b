using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Model.Loading;

/// <summary>
/// A file's node tree kept in the file cache's compact form, read on first use: a check whose policies run in the
/// worker process never needs most trees in this one. The pack's checksum was checked before the tree was left
/// there (<see cref="FileCache.TryGetDeferred"/>); should it still not read (a defect), the file is parsed again.
/// </summary>
internal sealed class DeferredTree(MeshFile file, ReadOnlyMemory<byte> bytes, YamlLimits limits)
{
    private SourceMapping? _root;
    private bool _read;
    private object? _lock;

    public ReadOnlyMemory<byte> Bytes => bytes;

    public bool Read => Volatile.Read(ref _read);

    public SourceMapping? Root => LazyInitializer.EnsureInitialized(ref _root, ref _read, ref _lock, Decode);

    private SourceMapping? Decode() =>
        SourceTreeFormat.Read(bytes, file.RelativePath)?.Root ?? MeshFileReader.Read(file, limits).Root;

    /// <summary>Whether the file has a tree: known without reading it, until it is read.</summary>
    public bool HasRoot => !Read || Root is not null;
}
