using System.Text;
using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Schemas;
using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Model.Loading;

/// <summary>
/// The files of a mesh, the parsed ones in the compact tree form of the file cache, for handing a loaded mesh to the
/// policy worker process: the worker rebuilds the same graph, and checks the same references, without reading or
/// parsing a file. A file that did not parse travels with its diagnostics alone (the reference checks read which
/// contracts are in a format meshgov does not read); the reading diagnostics of parsed files stay with the sender.
/// </summary>
public static class LoadedFilesFormat
{
    /// <summary>Files are turned into trees this many at a time, in parallel, as they are written.</summary>
    private const int Batch = 128;

    public static void Write(BinaryWriter writer, IReadOnlyList<LoadedFile> files)
    {
        writer.Write7BitEncodedInt(files.Count);
        for (var start = 0; start < files.Count; start += Batch)
        {
            var batch = files.Skip(start).Take(Batch).ToList();
            var payloads = OrderedWork.Select(batch, Payload);
            for (var i = 0; i < batch.Count; i++)
            {
                WriteFile(writer, batch[i], payloads[i]);
            }
        }
    }

    /// <summary>What travels of one file: its compact tree, or the diagnostics of a file that did not parse.</summary>
    public static ReadOnlyMemory<byte> Payload(LoadedFile file)
    {
        if (file.HasTree)
        {
            return file.CompactTree.IsEmpty ? SourceTreeFormat.Write(file.Root!, []) : file.CompactTree;
        }

        using var buffer = new MemoryStream();
        using (var diagnostics = new BinaryWriter(buffer, Encoding, leaveOpen: true))
        {
            SourceTreeFormat.WriteDiagnostics(diagnostics, file.Diagnostics);
        }

        return buffer.ToArray();
    }

    /// <summary>One file, with its <see cref="Payload"/>; read back by <see cref="ReadFile"/>.</summary>
    public static void WriteFile(BinaryWriter writer, LoadedFile loaded, ReadOnlyMemory<byte> payload)
    {
        var file = loaded.File;
        writer.Write(file.RelativePath);
        writer.Write(file.FullPath);
        writer.Write((byte)file.Kind);
        writer.Write(file.DomainFolder ?? string.Empty);
        writer.Write(file.DomainFolder is not null);
        writer.Write(file.Stem);
        writer.Write(loaded.HasTree);
        writer.Write7BitEncodedInt(payload.Length);
        writer.Write(payload.Span);
    }

    /// <summary>The files <see cref="Write"/> wrote; throws <see cref="InvalidDataException"/> on anything else.</summary>
    public static List<LoadedFile> Read(BinaryReader reader)
    {
        var count = reader.Read7BitEncodedInt();
        if (count < 0)
        {
            throw new InvalidDataException("A negative file count.");
        }

        // Read whole, then decoded in one pass on every core: decoding batch by batch between reads left the cores idle
        // at each batch's end and while the next was read (at 1,000 + 1,000 the worker took 0.28 s to read and decode
        // the trees that way, 0.22 s this way; docs/performance.md).
        var read = new List<FileRecord>(Math.Min(count, 1 << 16));
        for (var i = 0; i < count; i++)
        {
            read.Add(ReadFile(reader));
        }

        return OrderedWork.Select(read, Parse);
    }

    /// <summary>One file <see cref="WriteFile"/> wrote, not decoded yet (<see cref="Parse"/>).</summary>
    public static FileRecord ReadFile(BinaryReader reader)
    {
        var relativePath = reader.ReadString();
        var fullPath = reader.ReadString();
        var kind = (DocumentKind)reader.ReadByte();
        var folder = reader.ReadString();
        var hasFolder = reader.ReadBoolean();
        var stem = reader.ReadString();
        var hasTree = reader.ReadBoolean();
        var length = reader.Read7BitEncodedInt();
        if (length < 0)
        {
            throw new InvalidDataException($"The tree of '{relativePath}' has a negative length.");
        }

        var payload = reader.ReadBytes(length);
        if (payload.Length != length)
        {
            throw new InvalidDataException($"The tree of '{relativePath}' is cut short.");
        }

        return new FileRecord(new MeshFile(relativePath, fullPath, kind, hasFolder ? folder : null, stem), hasTree, payload);
    }

    /// <summary>The file a record holds, its tree decoded; throws <see cref="InvalidDataException"/> on a damaged one.</summary>
    public static LoadedFile Parse(FileRecord read) => read.HasTree
        ? new(read.File, SourceTreeFormat.Read(read.Payload, read.File.RelativePath)?.Root ?? throw new InvalidDataException($"The tree of '{read.File.RelativePath}' is damaged."), [])
        : new(read.File, null, Diagnostics(read.Payload, read.File.RelativePath));

    private static List<Diagnostic> Diagnostics(byte[] payload, string file)
    {
        try
        {
            var reader = new CompactReader(payload);
            var diagnostics = SourceTreeFormat.ReadDiagnostics(ref reader, payload.Length);
            return reader.AtEnd ? diagnostics : throw new FormatException("Bytes after the diagnostics.");
        }
        catch (Exception ex) when (ex is EndOfStreamException or FormatException or ArgumentException or InvalidOperationException)
        {
            throw new InvalidDataException($"The diagnostics of '{file}' are damaged.", ex);
        }
    }

    /// <summary>One file as read from the pipe: its place in the mesh and its undecoded payload.</summary>
    public readonly record struct FileRecord(MeshFile File, bool HasTree, byte[] Payload);

    /// <summary>The UTF-8 encoding both sides of the pipe use for strings.</summary>
    public static Encoding Encoding { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
}
