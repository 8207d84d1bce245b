namespace MeshGovernance.Site;

/// <summary>
/// The files of the site an earlier build wrote (marked by <see cref="SiteBuilder.Marker"/>), found without following
/// any link: what a build over it compares its files with, and what it deletes when the new site no longer has it.
/// </summary>
public sealed class PreviousSite
{
    private readonly string _root;
    private readonly Dictionary<string, long> _files;
    private readonly List<string> _links;
    private readonly HashSet<string> _emptied = new(StringComparer.Ordinal);

    private PreviousSite(string root, Dictionary<string, long> files, List<string> links)
    {
        (_root, _files, _links) = (root, files, links);
    }

    /// <summary>
    /// Starts reading the site in <paramref name="outputFolder"/> on another thread, so that the check before a build
    /// hides the time it takes (tens of thousands of files); null when no earlier build wrote the folder.
    /// </summary>
    public static Task<PreviousSite?> ReadInBackground(string outputFolder) => Task.Run(() => Read(outputFolder));

    /// <summary>The site in <paramref name="outputFolder"/>; null when no earlier build wrote the folder.</summary>
    public static PreviousSite? Read(string outputFolder)
    {
        var root = Path.GetFullPath(outputFolder).TrimEnd(Path.DirectorySeparatorChar);
        if (!File.Exists(Path.Combine(root, SiteBuilder.Marker)))
        {
            return null;
        }

        var files = new Dictionary<string, long>(StringComparer.Ordinal);
        var links = new List<string>();
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false };
        var entries = new System.IO.Enumeration.FileSystemEnumerable<(string Path, bool IsLink, long Length)>(
            root,
            (ref System.IO.Enumeration.FileSystemEntry entry) => IsLink(ref entry) ? (entry.ToFullPath(), true, 0) : (entry.ToFullPath(), false, entry.Length),
            options)
        {
            // A link is never followed, compared or written through: it is removed, and the file staged.
            ShouldRecursePredicate = (ref System.IO.Enumeration.FileSystemEntry entry) => !IsLink(ref entry),
            ShouldIncludePredicate = (ref System.IO.Enumeration.FileSystemEntry entry) => !entry.IsDirectory || IsLink(ref entry),
        };
        foreach (var (path, isLink, length) in entries)
        {
            if (isLink)
            {
                links.Add(path);
            }
            else
            {
                // FIFOs, sockets and devices have no length, and an empty file is never compared (Holds).
                files[Path.GetRelativePath(root, path).Replace('\\', '/')] = length;
            }
        }

        return new PreviousSite(root, files, links);
    }

    /// <summary>Whether the previous site has a regular file at <paramref name="relativePath"/> with exactly these bytes.</summary>
    internal bool Holds(string relativePath, ReadOnlySpan<byte> bytes)
    {
        // An empty file is never compared: a FIFO or device has no length either, and opening one may block.
        if (bytes.IsEmpty || !_files.TryGetValue(relativePath, out var length) || length != bytes.Length)
        {
            return false;
        }

        try
        {
            using var handle = File.OpenHandle(Path.Combine(_root, relativePath), FileMode.Open, FileAccess.Read, FileShare.Read);
            var buffer = ComparisonBuffer(bytes.Length);
            var read = 0;
            while (read < bytes.Length && RandomAccess.Read(handle, buffer.AsSpan(read, bytes.Length - read), read) is var count and > 0)
            {
                read += count;
            }

            return read == bytes.Length && RandomAccess.GetLength(handle) == bytes.Length && buffer.AsSpan(0, read).SequenceEqual(bytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Deletes the previous site's files that the new site does not have, and every link; returns how many.</summary>
    internal int DeleteFilesNotIn(IReadOnlyDictionary<string, bool> files)
    {
        var deleted = 0;
        foreach (var stale in _files.Keys.Where(f => !files.ContainsKey(f)))
        {
            File.Delete(Path.Combine(_root, stale));
            _emptied.Add(Path.GetDirectoryName(Path.Combine(_root, stale))!);
            deleted++;
        }

        foreach (var link in _links)
        {
            // Unlinks the link itself, whatever it points at.
            File.Delete(link);
            _emptied.Add(Path.GetDirectoryName(link)!);
            deleted++;
        }

        return deleted;
    }

    /// <summary>
    /// Deletes the folders that lost files and are now empty, and their parents that are left empty (every folder
    /// of the new site holds a file).
    /// </summary>
    internal void DeleteEmptiedFolders()
    {
        foreach (var folder in _emptied.OrderByDescending(f => f.Length))
        {
            for (var current = folder; current.Length > _root.Length && Directory.Exists(current) && !Directory.EnumerateFileSystemEntries(current).Any(); current = Path.GetDirectoryName(current)!)
            {
                Directory.Delete(current);
            }
        }
    }

    [ThreadStatic]
    private static byte[]? t_buffer;

    private static bool IsLink(ref System.IO.Enumeration.FileSystemEntry entry) => (entry.Attributes & FileAttributes.ReparsePoint) != 0;

    private static byte[] ComparisonBuffer(int length)
    {
        if (t_buffer is null || t_buffer.Length < length)
        {
            t_buffer = new byte[Math.Max(length, 64 * 1024)];
        }

        return t_buffer;
    }
}
