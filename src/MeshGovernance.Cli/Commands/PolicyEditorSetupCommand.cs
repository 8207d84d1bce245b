using System.CommandLine;
using MeshGovernance.Policies.Scripting;

namespace MeshGovernance.Cli.Commands;

/// <summary>
/// <c>meshgov policy editor-setup</c>: writes governance/policies/.meshgov/ (the globals script and the model
/// assemblies it references) so that editors offer IntelliSense on policy scripts. Machine-local: git-ignored.
/// </summary>
internal static class PolicyEditorSetupCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var repository = CommonOptions.Repository();
        var command = new Command("editor-setup", $"Write governance/policies/{EditorGlobals.Folder}/ for IntelliSense in policy scripts: add '#load \"{EditorGlobals.Folder}/{EditorGlobals.FileName}\"' at the top of a policy (meshgov ignores that line). Works in editors that understand .csx, such as VS Code's C# extension with OmniSharp.")
        {
            repository,
        };
        command.SetAction(parse =>
        {
            var root = parse.GetValue(repository)!;
            if (!CommonOptions.RepositoryExists(root, error))
            {
                return ExitCodes.UsageOrConfiguration;
            }

            var folder = Path.Combine(root.FullName, "governance", "policies", EditorGlobals.Folder);
            try
            {
                Directory.CreateDirectory(folder);
                File.WriteAllText(Path.Combine(folder, EditorGlobals.FileName), EditorGlobals.Generate());
                File.WriteAllText(Path.Combine(folder, ".gitignore"), "# Written by 'meshgov policy editor-setup' for this machine's editor.\n*\n");
                foreach (var (name, content) in EditorAssemblyFiles())
                {
                    using var file = new FileStream(Path.Combine(folder, name), FileMode.Create, FileAccess.Write);
                    content.CopyTo(file);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"error: --repo: cannot write '{folder}': {ex.Message}");
                return ExitCodes.UsageOrConfiguration;
            }

            output.WriteLine($"Wrote {Path.GetRelativePath(root.FullName, folder)}/. Start each policy with:");
            output.WriteLine($"#load \"{EditorGlobals.Folder}/{EditorGlobals.FileName}\"");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The model assemblies and their XML documentation, embedded at build time (see the project file).</summary>
    private static IEnumerable<(string Name, Stream Content)> EditorAssemblyFiles()
    {
        var cli = typeof(PolicyEditorSetupCommand).Assembly;
        foreach (var assembly in EditorGlobals.Assemblies)
        {
            foreach (var extension in new[] { ".dll", ".xml" })
            {
                var name = assembly.GetName().Name + extension;
                var content = cli.GetManifestResourceStream("editor/" + name)
                    ?? throw new InvalidOperationException($"{name} is not embedded in meshgov; the build is incomplete.");
                yield return (name, content);
            }
        }
    }
}
