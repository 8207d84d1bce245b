using System.Text;
using MeshGovernance.Model.Schemas;
using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Model.Loading;

/// <summary>
/// The parsed files of a mesh in the compact tree form of the file cache, for handing a loaded mesh to the
/// policy worker process: the worker rebuilds the same graph without reading or parsing a file. Files that did
/// not parse are left out (they are not in the graph either); reading diagnostics stay with the sender.
/// </summary>
public static class LoadedFilesFormat
{
    /// <summary>Files are turned into trees and back this many at a time, in parallel on both sides of the pipe.</summary>
    private const int Batch = 128;

    public static void Write(BinaryWriter writer, IReadOnlyList<LoadedFile> files)
    {
        var parsed = files.Where(f => f.Root is not null).ToList();
        writer.Write7BitEncodedInt(parsed.Count);
        for (var start = 0; start < parsed.Count; start += Batch)
        {
            var batch = parsed.Skip(start).Take(Batch).ToList();
            var trees = OrderedWork.Select(batch, f => f.CompactTree.IsEmpty ? SourceTreeFormat.Write(f.Root!, []) : f.CompactTree);
            for (var i = 0; i < batch.Count; i++)
            {
                var file = batch[i].File;
                writer.Write(file.RelativePath);
                writer.Write(file.FullPath);
                writer.Write((byte)file.Kind);
                writer.Write(file.DomainFolder ?? string.Empty);
                writer.Write(file.DomainFolder is not null);
                writer.Write(file.Stem);
                writer.Write7BitEncodedInt(trees[i].Length);
                writer.Write(trees[i].Span);
            }
        }
    }

    /// <summary>The files <see cref="Write"/> wrote; throws <see cref="InvalidDataException"/> on anything else.</summary>
    public static List<LoadedFile> Read(BinaryReader reader)
    {
        var count = reader.Read7BitEncodedInt();
        if (count < 0)
        {
            throw new InvalidDataException("A negative file count.");
        }

        var files = new List<LoadedFile>(Math.Min(count, 1 << 16));
        var batch = new List<(MeshFile File, byte[] Tree)>(Batch);
        for (var i = 0; i < count; i++)
        {
            var relativePath = reader.ReadString();
            var fullPath = reader.ReadString();
            var kind = (DocumentKind)reader.ReadByte();
            var folder = reader.ReadString();
            var hasFolder = reader.ReadBoolean();
            var stem = reader.ReadString();
            var length = reader.Read7BitEncodedInt();
            var tree = reader.ReadBytes(length);
            if (length < 0 || tree.Length != length)
            {
                throw new InvalidDataException($"The tree of '{relativePath}' is cut short.");
            }

            batch.Add((new MeshFile(relativePath, fullPath, kind, hasFolder ? folder : null, stem), tree));
            if (batch.Count == Batch || i == count - 1)
            {
                files.AddRange(OrderedWork.Select(batch, Parse));
                batch.Clear();
            }
        }

        return files;

        static LoadedFile Parse((MeshFile File, byte[] Tree) read) => new(
            read.File,
            SourceTreeFormat.Read(read.Tree, read.File.RelativePath)?.Root ?? throw new InvalidDataException($"The tree of '{read.File.RelativePath}' is damaged."),
            []);
    }

    /// <summary>The UTF-8 encoding both sides of the pipe use for strings.</summary>
    public static Encoding Encoding { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
}
