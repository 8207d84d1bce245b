namespace MeshGovernance.Testing;

/// <summary>Where the project and the shared corpus are, found from the test assembly's folder.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder holding MeshGovernance.sln.</summary>
    public static string ProjectRoot { get; } = FindProjectRoot();

    /// <summary><c>../shared/corpus</c> beside the project: the official schemas and examples.</summary>
    public static string Corpus { get; } = Path.GetFullPath(Path.Combine(ProjectRoot, "..", "shared", "corpus"));

    public static bool CorpusExists => Directory.Exists(Corpus);

    public static string Template => Path.Combine(ProjectRoot, "mesh-repo-template");

    private static string FindProjectRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "MeshGovernance.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("MeshGovernance.sln was not found above the test assembly's folder.");
    }
}
