namespace MeshGovernance.Cli.Commands;

/// <summary>
/// Pins the template's workflows to the meshgov that copies them. The template names the action as
/// <see cref="TemplateReference"/> with <c>version: </c><see cref="TemplateVersion"/>; a released meshgov
/// rewrites both to its own release (the action at the release's commit, tag in a comment, and its version),
/// so a new mesh runs exactly the meshgov that created it.
/// </summary>
internal static class WorkflowPinning
{
    public const string TemplateReference = "meshgovernance/meshgov@v0.1.0";
    public const string TemplateVersion = "0.1.0";

    public static bool AppliesTo(string relativePath) =>
        relativePath.StartsWith(".github/workflows/", StringComparison.Ordinal)
        && (relativePath.EndsWith(".yml", StringComparison.Ordinal) || relativePath.EndsWith(".yaml", StringComparison.Ordinal));

    /// <summary>The workflow with every reference to the template's action and its version input pinned to <paramref name="build"/>.</summary>
    public static string Pin(string workflow, BuildInfo build)
    {
        if (!build.IsRelease || build.Commit is null)
        {
            return workflow;
        }

        var lines = workflow.Split('\n');
        var stepKeyColumn = -1;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var column = line.Length - line.TrimStart(' ').Length;
            var content = line.Trim();
            if (content.Length > 0 && column < stepKeyColumn)
            {
                stepKeyColumn = -1;
            }

            var uses = line.IndexOf("uses: " + TemplateReference, StringComparison.Ordinal);
            if (uses >= 0 && line[(uses + 6 + TemplateReference.Length)..].Trim().Length == 0)
            {
                lines[i] = $"{line[..uses]}uses: {build.Repository}@{build.Commit} # v{build.Version}";
                stepKeyColumn = uses;
            }
            else if (stepKeyColumn >= 0 && content == $"version: {TemplateVersion}")
            {
                lines[i] = $"{line[..column]}version: {build.Version}";
            }
        }

        return string.Join('\n', lines);
    }
}
