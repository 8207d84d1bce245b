using System.IO.Enumeration;

namespace MeshGovernance.Site;

/// <summary>
/// The files of the site an earlier build wrote (marked by <see cref="SiteBuilder.Marker"/>), found without following
/// any link: what a build over it compares its files with, and what it deletes when the new site no longer has it.
/// </summary>
public sealed class PreviousSite
{
    private const int ComparedAtOnce = 64 * 1024;

    [ThreadStatic]
    private static byte[]? t_buffer;

    private readonly string _root;
    private readonly Dictionary<string, long> _files;
    private readonly List<Entry> _links;
    private readonly List<string> _folders;

    private PreviousSite(string root, Dictionary<string, long> files, List<Entry> links, List<string> folders)
    {
        (_root, _files, _links, _folders) = (root, files, links, folders);
    }

    /// <summary>
    /// Starts reading the site in <paramref name="outputFolder"/> on another thread, so that the check before a build
    /// hides the time it takes (tens of thousands of files); null when no earlier build wrote the folder.
    /// </summary>
    public static Task<PreviousSite?> ReadInBackground(string outputFolder) => Task.Run(() => Read(outputFolder));

    /// <summary>The site in <paramref name="outputFolder"/>; null when no earlier build wrote the folder.</summary>
    public static PreviousSite? Read(string outputFolder)
    {
        var root = SiteBuilder.FullFolderPath(outputFolder);
        if (!SiteBuilder.HoldsPreviousSite(root))
        {
            return null;
        }

        var files = new Dictionary<string, long>(StringComparer.Ordinal);
        var links = new List<Entry>();
        var folders = new List<string>();
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false };
        var entries = new FileSystemEnumerable<Entry>(root, ToEntry, options)
        {
            // A link is never followed, compared or written through: it is removed, and the file staged.
            ShouldRecursePredicate = (ref FileSystemEntry entry) => Kind(ref entry) == EntryKind.Folder,
        };
        foreach (var entry in entries)
        {
            switch (entry.Kind)
            {
                case EntryKind.File:
                    // FIFOs, sockets and devices are files of no length here, and an empty file is never compared.
                    files[SiteBuilder.RelativePath(root, entry.Path)] = entry.Length;
                    break;
                case EntryKind.Folder:
                    folders.Add(SiteBuilder.RelativePath(root, entry.Path));
                    break;
                default:
                    links.Add(entry);
                    break;
            }
        }

        return new PreviousSite(root, files, links, folders);
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
            if (RandomAccess.GetLength(handle) != bytes.Length)
            {
                return false;
            }

            var buffer = t_buffer ??= new byte[ComparedAtOnce];
            for (var offset = 0; offset < bytes.Length;)
            {
                var read = RandomAccess.Read(handle, buffer.AsSpan(0, Math.Min(buffer.Length, bytes.Length - offset)), offset);
                if (read == 0 || !buffer.AsSpan(0, read).SequenceEqual(bytes.Slice(offset, read)))
                {
                    return false;
                }

                offset += read;
            }

            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// Deletes every link, the files the new site does not have, and the folders no file of the new site is in;
    /// returns how many of the previous site's files and links the new site no longer has.
    /// </summary>
    /// <remarks>
    /// Called before the new files move in: a folder whose name changed only in case ("products/Sales.orders" to
    /// "products/sales.orders") holds no file of the new site, and on a case-insensitive disk the new files would
    /// otherwise land in it under its old name.
    /// </remarks>
    internal int DeleteAllBut(IReadOnlyDictionary<string, bool> files)
    {
        var removed = 0;
        foreach (var link in _links)
        {
            if (link.Kind == EntryKind.FolderLink && OperatingSystem.IsWindows())
            {
                Directory.Delete(link.Path); // a junction or folder link: removes the link, never what it points at
            }
            else
            {
                File.Delete(link.Path); // unlinks the link itself, whatever it points at
            }

            removed += files.ContainsKey(SiteBuilder.RelativePath(_root, link.Path)) ? 0 : 1;
        }

        foreach (var stale in _files.Keys.Where(f => !files.ContainsKey(f)))
        {
            File.Delete(Path.Combine(_root, stale));
            removed++;
        }

        var needed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files.Keys)
        {
            var slash = file.LastIndexOf('/');
            while (slash > 0 && needed.Add(file[..slash]))
            {
                slash = file.LastIndexOf('/', slash - 1);
            }
        }

        foreach (var folder in _folders.Where(f => !needed.Contains(f)).OrderByDescending(f => f.Length))
        {
            var path = Path.Combine(_root, folder);
            if (Directory.Exists(path))
            {
                // No file of the new site is in it: what is left are empty folders and files the site never wrote.
                Directory.Delete(path, recursive: true);
            }
        }

        return removed;
    }

    private static Entry ToEntry(ref FileSystemEntry entry)
    {
        var kind = Kind(ref entry);
        return new Entry(entry.ToFullPath(), kind, kind == EntryKind.File ? entry.Length : 0);
    }

    private static EntryKind Kind(ref FileSystemEntry entry) =>
        (entry.Attributes & FileAttributes.ReparsePoint) != 0 ? (entry.IsDirectory ? EntryKind.FolderLink : EntryKind.Link)
        : entry.IsDirectory ? EntryKind.Folder
        : EntryKind.File;

    private enum EntryKind
    {
        File,
        Folder,
        Link,
        FolderLink,
    }

    private readonly record struct Entry(string Path, EntryKind Kind, long Length);
}
