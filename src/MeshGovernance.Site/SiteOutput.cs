using System.Collections.Concurrent;

namespace MeshGovernance.Site;

/// <summary>
/// Where a build's files go, so that a failed build never leaves half a site.
/// <para>Into a missing or empty folder, every file is written to a staging folder beside it, which is renamed into
/// place once the build has succeeded.</para>
/// <para>Over a site an earlier build wrote, a file whose bytes equal the previous site's copy is not written at all;
/// only changed and new files are staged. Once the build has succeeded, links and the files and folders the new
/// site no longer has are deleted, then each staged file is renamed over its old copy (a reader sees the old file or
/// the new one, never a part). Rewriting and
/// deleting a whole site of tens of thousands of unchanged pages cost more than rendering them (measured in
/// docs/performance.md, "The site over a previous build").</para>
/// </summary>
internal sealed class SiteOutput
{
    private readonly string _output;
    private readonly PreviousSite? _previous;
    private readonly ConcurrentDictionary<string, bool> _files = new(StringComparer.Ordinal);

    private SiteOutput(string output, string staging, PreviousSite? previous)
    {
        _output = output;
        Staging = staging;
        _previous = previous;
    }

    /// <summary>The folder new and changed files are written to until <see cref="Commit"/>.</summary>
    public string Staging { get; }

    /// <summary>Every file of the new site, '/'-separated and relative to its root, written or unchanged.</summary>
    public IReadOnlySet<string> Files => _files.Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>Files of the new site that were new or changed (all of them into an empty folder).</summary>
    public int Changed => _files.Count(f => f.Value);

    /// <summary>Files of the new site left as the previous build wrote them.</summary>
    public int Unchanged => _files.Count(f => !f.Value);

    /// <summary>Files of the previous site that the new one no longer has, deleted by <see cref="Commit"/>.</summary>
    public int Removed { get; private set; }

    /// <summary>
    /// Prepares a build into <paramref name="output"/>: over <paramref name="previous"/>, the site an earlier build
    /// wrote there, or into a new folder when it is null.
    /// </summary>
    public static SiteOutput Open(string output, PreviousSite? previous)
    {
        var staging = output + ".meshgov-" + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(staging);
        return new SiteOutput(output, staging, previous);
    }

    /// <summary>Adds a file to the new site: staged, unless the previous site holds exactly these bytes there.</summary>
    public void Write(string relativePath, ReadOnlySpan<byte> bytes)
    {
        if (_previous is not null && _previous.Holds(relativePath, bytes))
        {
            _files[relativePath] = false;
            return;
        }

        var file = Path.Combine(Staging, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        using (var handle = File.OpenHandle(file, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            RandomAccess.Write(handle, bytes, 0);
        }

        _files[relativePath] = true;
    }

    /// <summary>Puts the new site in place. Throws <see cref="SiteUpdateException"/> when a previous site was left partly updated.</summary>
    public void Commit()
    {
        if (_previous is null)
        {
            ReplaceWhole();
            return;
        }

        var staged = _files.Where(f => f.Value).Select(f => f.Key).Order(StringComparer.Ordinal).ToList();
        var moved = 0;
        try
        {
            Removed = _previous.DeleteAllBut(_files);

            foreach (var path in staged)
            {
                // A folder of the previous site where the new one has a file is gone: no file of the new site was in it.
                var target = Path.Combine(_output, path);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Move(Path.Combine(Staging, path), target, overwrite: true);
                moved++;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SiteUpdateException($"the site in '{_output}' was partly updated ({moved} of {staged.Count} changed files in place) when this failed: {ex.Message} Each file in it is whole; build again to finish the update.", ex);
        }
    }

    /// <summary>Deletes the staging folder and whatever is left in it.</summary>
    public void DeleteStaging()
    {
        try
        {
            if (Directory.Exists(Staging))
            {
                Directory.Delete(Staging, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Leftover staging files must not hide what went wrong (or right) in the build.
        }
    }

    private void ReplaceWhole()
    {
        // The output folder is missing or empty (an earlier build's site is updated, never replaced).
        if (Directory.Exists(_output))
        {
            Directory.Delete(_output);
        }

        Directory.Move(Staging, _output);
    }

}

/// <summary>A previous site could not be brought up to date whole: some of its files are new, some old.</summary>
public sealed class SiteUpdateException(string message, Exception inner) : IOException(message, inner);
