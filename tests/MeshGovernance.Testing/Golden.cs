namespace MeshGovernance.Testing;

/// <summary>
/// Compares rendered output with a golden file in the repository. Run the tests with
/// MESHGOV_UPDATE_GOLDEN=1 to rewrite the golden files from the current output, then review the diff.
/// </summary>
public static class Golden
{
    public static void AssertMatches(string relativePath, string actual)
    {
        var path = Path.Combine(RepositoryPaths.ProjectRoot, relativePath);
        if (Environment.GetEnvironmentVariable("MESHGOV_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        Xunit.Assert.True(File.Exists(path), $"The golden file {relativePath} is missing; run the tests with MESHGOV_UPDATE_GOLDEN=1 to create it.");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        Xunit.Assert.Equal(expected, actual.ReplaceLineEndings("\n"));
    }
}
