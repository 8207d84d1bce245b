namespace MeshGovernance.Model.Loading;

/// <summary>Paths with their symbolic links resolved, for every check that a path stays inside a folder.</summary>
public static class RealPaths
{
    /// <summary>
    /// The path with every symbolic link in it resolved, one component at a time as the kernel does
    /// (so <c>link/..</c> means the parent of the link's target, not of the link); null when links loop.
    /// </summary>
    public static string? Resolve(string path, int linksLeft = 40)
    {
        var absolute = Path.IsPathRooted(path) ? path : Path.Combine(Environment.CurrentDirectory, path);
        var root = Path.GetPathRoot(absolute)!;
        var current = root;
        foreach (var part in absolute[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? root;
                continue;
            }

            var next = Path.Combine(current, part);
            var target = new FileInfo(next).LinkTarget;
            if (target is null)
            {
                current = next;
                continue;
            }

            if (--linksLeft < 0)
            {
                return null;
            }

            var resolved = Resolve(Path.IsPathRooted(target) ? target : Path.Combine(current, target), linksLeft);
            if (resolved is null)
            {
                return null;
            }

            current = resolved;
        }

        return current;
    }

    /// <summary>True when <paramref name="path"/>, links resolved, is inside <paramref name="folder"/>, links resolved.</summary>
    public static bool IsInside(string path, string folder)
    {
        var real = Resolve(path);
        var root = Resolve(folder);
        return real is not null && root is not null && real.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }
}
