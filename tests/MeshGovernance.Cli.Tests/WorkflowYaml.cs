using MeshGovernance.Testing;
using YamlDotNet.RepresentationModel;

namespace MeshGovernance.Cli.Tests;

/// <summary>Reading GitHub Actions workflows with YamlDotNet, for the tests of our workflow files.</summary>
internal static class WorkflowYaml
{
    /// <summary>Every workflow we ship or run: the template's and this repository's, relative to the project root.</summary>
    public static IReadOnlyList<string> AllWorkflows { get; } =
        new[] { Path.Combine("mesh-repo-template", ".github", "workflows"), Path.Combine(".github", "workflows") }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(RepositoryPaths.ProjectRoot, folder), "*.yml"))
            .Select(path => Path.GetRelativePath(RepositoryPaths.ProjectRoot, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    public static YamlMappingNode Load(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(RepositoryPaths.ProjectRoot, path));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    public static IEnumerable<(string Name, YamlMappingNode Job)> Jobs(YamlMappingNode workflow) =>
        ((YamlMappingNode)workflow["jobs"]).Children.Select(e => (((YamlScalarNode)e.Key).Value!, (YamlMappingNode)e.Value));

    public static List<YamlMappingNode> Steps(YamlMappingNode job) =>
        Node(job, "steps") is YamlSequenceNode steps ? steps.Children.Cast<YamlMappingNode>().ToList() : [];

    /// <summary>The steps of a composite action (<c>runs.steps</c> of action.yml).</summary>
    public static List<YamlMappingNode> ActionSteps(YamlMappingNode action) =>
        ((YamlSequenceNode)((YamlMappingNode)action["runs"])["steps"]).Children.Cast<YamlMappingNode>().ToList();

    public static List<YamlMappingNode> AllSteps(YamlMappingNode workflow) => Jobs(workflow).SelectMany(j => Steps(j.Job)).ToList();

    public static YamlNode? Node(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static string? Text(YamlMappingNode node, string key) => Node(node, key) is YamlScalarNode scalar ? scalar.Value : null;

    public static YamlMappingNode? Mapping(YamlMappingNode node, string key) => Node(node, key) as YamlMappingNode;

    public static string? With(YamlMappingNode step, string input) => Mapping(step, "with") is { } with ? Text(with, input) : null;

    public static bool Uses(YamlMappingNode step, string action) =>
        Text(step, "uses")?.StartsWith(action + "@", StringComparison.Ordinal) == true;

    /// <summary>A permissions mapping as sorted (scope, access) pairs; <c>permissions: {}</c> gives none.</summary>
    public static List<(string, string)> Pairs(YamlMappingNode? node) =>
        node is null
            ? []
            : node.Children.Select(e => (((YamlScalarNode)e.Key).Value!, ((YamlScalarNode)e.Value).Value!)).OrderBy(p => p.Item1, StringComparer.Ordinal).ToList();

    public static List<string> Strings(YamlNode? node) =>
        node is YamlSequenceNode sequence ? sequence.Children.Select(n => ((YamlScalarNode)n).Value!).ToList() : [];

    /// <summary>The source line a node starts on (comments are not in the YAML model, so they are read from the text).</summary>
    public static string SourceLine(string path, YamlNode node) =>
        File.ReadLines(Path.Combine(RepositoryPaths.ProjectRoot, path)).ElementAt((int)node.Start.Line - 1);
}
