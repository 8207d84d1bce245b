using MeshGovernance.Model.Loading;
using MeshGovernance.Policies.BuiltIn;

namespace MeshGovernance.Policies.Testing;

/// <summary>Where a policy's tests and fixtures are read from: the embedded pack, or a policies folder on disk.</summary>
public abstract class PolicyTestFiles
{
    public static PolicyTestFiles BuiltIn { get; } = new EmbeddedFiles();

    public static PolicyTestFiles Folder(string folder) => new FolderFiles(Path.GetFullPath(folder));

    /// <summary>The text of a file by its '/'-separated path inside the policies folder, or null.</summary>
    public abstract string? Read(string path);

    /// <summary>Every file under a folder, as paths relative to that folder.</summary>
    public abstract IReadOnlyList<string> List(string folder);

    /// <summary>A relative, '/'-separated path that stays inside the folder, or null.</summary>
    public static string? Confine(string path)
    {
        var parts = path.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (path.StartsWith('/') || parts.Length == 0 || parts.Any(p => p is ".." or "." || p.Contains(':')))
        {
            return null;
        }

        return string.Join('/', parts);
    }

    private sealed class EmbeddedFiles : PolicyTestFiles
    {
        public override string? Read(string path) => BuiltInPolicies.Read(path);

        public override IReadOnlyList<string> List(string folder) => BuiltInPolicies.Files
            .Where(f => f.StartsWith(folder.TrimEnd('/') + "/", StringComparison.Ordinal))
            .Select(f => f[(folder.TrimEnd('/').Length + 1)..])
            .ToList();
    }

    private sealed class FolderFiles(string root) : PolicyTestFiles
    {
        public override string? Read(string path)
        {
            var full = Resolve(path);
            return full is not null && File.Exists(full) && new FileInfo(full).Length <= 4 * 1024 * 1024 ? File.ReadAllText(full) : null;
        }

        public override IReadOnlyList<string> List(string folder)
        {
            var full = Resolve(folder);
            if (full is null || !Directory.Exists(full))
            {
                return [];
            }

            return Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories)
                .Where(f => new FileInfo(f).LinkTarget is null && RealPaths.IsInside(f, root))
                .Select(f => Path.GetRelativePath(full, f).Replace(Path.DirectorySeparatorChar, '/'))
                .Order(StringComparer.Ordinal)
                .ToList();
        }

        private string? Resolve(string path)
        {
            if (Confine(path) is not { } relative)
            {
                return null;
            }

            // Every link on the way is resolved: a linked folder inside the policies folder may lead out of it.
            var full = Path.GetFullPath(Path.Combine(root, relative));
            return RealPaths.IsInside(full, root) ? full : null;
        }
    }
}
