namespace MeshGovernance.Git;

/// <summary>Checks on repository-relative paths: what is safe to write below a folder, and prefix matching.</summary>
internal static class RepositoryPath
{
    /// <summary>
    /// True when <paramref name="path"/> is a plain relative path: '/'-separated, no empty, '.' or '..' components,
    /// not absolute, no NUL; on Windows also no '\' or ':' (which would be separators or drive and stream names there).
    /// </summary>
    public static bool IsSafeRelative(string path)
    {
        if (path.Length == 0 || path[0] == '/' || path.Contains('\0'))
        {
            return false;
        }

        if (OperatingSystem.IsWindows() && (path.Contains('\\') || path.Contains(':')))
        {
            return false;
        }

        return path.Split('/').All(component => component is not ("" or "." or ".."));
    }

    /// <summary>The full path of <paramref name="relativePath"/> below <paramref name="root"/>; throws if it would leave it.</summary>
    public static string Below(string root, string relativePath)
    {
        if (!IsSafeRelative(relativePath))
        {
            throw new GitException($"The path '{relativePath}' is not a plain relative path ('..', absolute or empty parts); refusing to write it.");
        }

        var fullRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        var full = Path.GetFullPath(Path.Combine(fullRoot, relativePath.Replace('/', Path.DirectorySeparatorChar)));
        if (!full.StartsWith(fullRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new GitException($"The path '{relativePath}' would be written outside '{fullRoot}'; refusing it.");
        }

        // On a case-insensitive file system "A" (a link written earlier) and "a/b" share a folder: refuse to go through a link.
        for (var folder = Path.GetDirectoryName(full); folder is not null && folder.Length > fullRoot.Length; folder = Path.GetDirectoryName(folder))
        {
            if (new FileInfo(folder).LinkTarget is not null)
            {
                throw new GitException($"The path '{relativePath}' goes through the symbolic link '{folder}'; refusing to write through it.");
            }
        }

        return full;
    }

    /// <summary>
    /// Checks the prefixes a caller selects files with: "teams/" selects a folder, "mesh.yaml" a file or a folder of that name.
    /// </summary>
    public static IReadOnlyList<string> ValidatePrefixes(IReadOnlyList<string> prefixes)
    {
        foreach (var prefix in prefixes)
        {
            if (!IsSafeRelative(prefix.EndsWith('/') ? prefix[..^1] : prefix))
            {
                throw new ArgumentException($"The path prefix '{prefix}' must be a relative path inside the repository, such as 'teams/' or 'mesh.yaml'.", nameof(prefixes));
            }
        }

        return prefixes;
    }

    /// <summary>True when <paramref name="path"/> is selected by one of <paramref name="prefixes"/>; an empty list selects everything.</summary>
    public static bool IsSelected(string path, IReadOnlyList<string> prefixes)
    {
        if (prefixes.Count == 0)
        {
            return true;
        }

        foreach (var prefix in prefixes)
        {
            if (prefix.EndsWith('/'))
            {
                if (path.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return true;
                }
            }
            else if (path == prefix || (path.StartsWith(prefix, StringComparison.Ordinal) && path.Length > prefix.Length && path[prefix.Length] == '/'))
            {
                return true;
            }
        }

        return false;
    }
}
