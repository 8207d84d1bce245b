using System.Text;
using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Model.Loading;

/// <summary>
/// The file cache on disk: one file holding every entry (key, schema findings, compact tree, subject), so that a warm run of a
/// mesh of 20,000 files opens one file instead of 20,000. It is mapped into memory (<see cref="MappedFile"/>; read
/// whole into one array on Windows, which cannot replace a mapped file), and the trees stay slices of it: no copy,
/// and no page of it is touched before its tree is read. It is written through a temporary file and a rename, so a
/// reader sees the old pack or the new one, and a mapped one is never changed under its reader. A pack cut short or
/// malformed reads as an empty cache. Each tree carries a checksum, checked before a tree is handed on unread (to
/// the policy worker); a tree that is read is checked by its structure as it is read.
/// </summary>
internal static class FileCachePack
{
    private const int Magic = 0x3250474D; // "MGP2"
    private const int MaxEntries = 200_000;

    /// <summary>
    /// Older entries (other repositories sharing the cache folder, other revisions) are kept while the pack stays under
    /// twice what this run used, or under this, whichever is larger: a small repository checked between two checks of a
    /// large one does not evict the large one's entries.
    /// </summary>
    private const long KeepOlderUpTo = 512L * 1024 * 1024;

    /// <summary>A larger pack is not read (an array holds at most 2 GiB), so none larger is written either.</summary>
    private const long MaxPackBytes = 1_536L * 1024 * 1024;

    public static IReadOnlyDictionary<string, FileCacheEntry> Read(string path)
    {
        var entries = new Dictionary<string, FileCacheEntry>(StringComparer.Ordinal);
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length == 0 || info.Length > MaxPackBytes)
            {
                return entries;
            }

            var pack = OperatingSystem.IsWindows() ? File.ReadAllBytes(path) : MapOrRead(path);
            var reader = new CompactReader(pack.Span);
            if (reader.ReadInt32() != Magic)
            {
                return entries;
            }

            var count = Count(ref reader, pack.Length);
            for (var i = 0; i < count; i++)
            {
                var key = reader.ReadString();
                var flags = reader.ReadByte();
                IReadOnlyList<Diagnostic>? diagnostics = (flags & 1) != 0 ? SourceTreeFormat.ReadDiagnostics(ref reader, pack.Length) : null;
                var tree = ReadOnlyMemory<byte>.Empty;
                ulong checksum = 0;
                if ((flags & 2) != 0)
                {
                    var length = Count(ref reader, pack.Length);
                    var start = reader.Position;
                    reader.Skip(length);
                    tree = pack.Slice(start, length);
                    checksum = reader.ReadUInt64();
                }

                FileSubject? subject = null;
                if ((flags & 4) != 0)
                {
                    var id = reader.ReadString();
                    subject = new FileSubject(reader.ReadByte() != 0 ? id : null);
                }

                entries[key] = new FileCacheEntry(tree, diagnostics) { Subject = subject, TreeChecksum = checksum };
            }

            return reader.AtEnd ? entries : [];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or ArgumentException)
        {
            return new Dictionary<string, FileCacheEntry>(StringComparer.Ordinal);
        }
    }

    /// <summary>Writes <paramref name="used"/> and as many of <paramref name="older"/> as the bounds allow. Best effort.</summary>
    public static void Write(string path, IReadOnlyList<KeyValuePair<string, FileCacheEntry>> used, IEnumerable<KeyValuePair<string, FileCacheEntry>> older)
    {
        var kept = new List<KeyValuePair<string, FileCacheEntry>>(used.Count);
        long bytes = 0;
        foreach (var entry in used)
        {
            // Trees are nearly all of a pack's size; diagnostics are small.
            if (kept.Count >= MaxEntries || (bytes += entry.Value.Tree.Length + 256) > MaxPackBytes)
            {
                break;
            }

            kept.Add(entry);
        }

        var limit = Math.Min(MaxPackBytes, Math.Max(2 * bytes, KeepOlderUpTo));
        foreach (var entry in older)
        {
            if (kept.Count >= MaxEntries || (bytes += entry.Value.Tree.Length + 256) > limit)
            {
                break;
            }

            kept.Add(entry);
        }

        string? temporary = null;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            using (var writer = new BinaryWriter(stream, Encoding.UTF8))
            {
                writer.Write(Magic);
                writer.Write7BitEncodedInt(kept.Count);
                foreach (var (key, entry) in kept)
                {
                    writer.Write(key);
                    writer.Write((byte)((entry.SchemaDiagnostics is null ? 0 : 1) | (entry.Tree.IsEmpty ? 0 : 2) | (entry.Subject is null ? 0 : 4)));
                    if (entry.SchemaDiagnostics is { } diagnostics)
                    {
                        SourceTreeFormat.WriteDiagnostics(writer, diagnostics);
                    }

                    if (!entry.Tree.IsEmpty)
                    {
                        writer.Write7BitEncodedInt(entry.Tree.Length);
                        writer.Write(entry.Tree.Span);
                        // The checksum it was written with, not one of its bytes now: damage stays visible.
                        writer.Write(entry.TreeChecksum);
                    }

                    if (entry.Subject is { } subject)
                    {
                        writer.Write(subject.Id ?? string.Empty);
                        writer.Write((byte)(subject.Id is null ? 0 : 1));
                    }
                }
            }

            File.Move(temporary, path, overwrite: true);
            temporary = null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A cache that cannot be written costs a re-read next time, nothing else.
        }
        finally
        {
            if (temporary is not null)
            {
                TryDelete(temporary);
            }
        }
    }

    /// <summary>The pack mapped, or read into an array where the file system cannot map it (a run stays warm either way).</summary>
    private static ReadOnlyMemory<byte> MapOrRead(string path)
    {
        try
        {
            return MappedFile.Open(path).Memory;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return File.ReadAllBytes(path);
        }
    }

    private static int Count(ref CompactReader reader, int length)
    {
        var count = reader.Read7BitEncodedInt();
        return count >= 0 && count <= length ? count : throw new FormatException("A count larger than the pack.");
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }
}
