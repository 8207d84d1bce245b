using System.Buffers;
using System.IO.MemoryMappedFiles;

namespace MeshGovernance.Model.Loading;

/// <summary>
/// A file mapped read-only into memory, as <see cref="Memory{T}"/>: its pages come straight from the operating
/// system's file cache, with nothing allocated, cleared or copied. It stays mapped for the life of the process:
/// slices of it live on in loaded files and cache entries with no owner to say when the last one is gone, and a
/// command maps one pack. The file must not be cut short while it is mapped (a read past its new end would fault);
/// the file cache replaces a pack by renaming another over it, which leaves the mapped one as it was.
/// </summary>
internal sealed unsafe class MappedFile : MemoryManager<byte>
{
    private readonly byte* _pointer;
    private readonly int _length;

    private MappedFile(byte* pointer, int length)
    {
        _pointer = pointer;
        _length = length;
    }

    /// <summary>Maps a file of 1 byte to 2 GiB - 1.</summary>
    public static MappedFile Open(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, bufferSize: 1);
        var length = stream.Length is > 0 and <= int.MaxValue ? (int)stream.Length : throw new IOException($"'{path}' cannot be mapped: it is empty or larger than 2 GiB.");
        using var file = MemoryMappedFile.CreateFromFile(stream, mapName: null, length, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
        using var view = file.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
        byte* pointer = null;
        // Taking the pointer adds a reference to the view's handle that is never released, so disposing the view (and
        // the file handle) leaves the mapping in place.
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        return new MappedFile(pointer + view.PointerOffset, length);
    }

    public override Span<byte> GetSpan() => new(_pointer, _length);

    public override MemoryHandle Pin(int elementIndex = 0)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)elementIndex, (uint)_length, nameof(elementIndex));
        return new MemoryHandle(_pointer + elementIndex);
    }

    public override void Unpin()
    {
        // The memory never moves.
    }

    protected override void Dispose(bool disposing)
    {
        // Never unmapped: see the summary.
    }
}
