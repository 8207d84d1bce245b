using System.Xml.Linq;
using MeshGovernance.Testing;

namespace MeshGovernance.Cli.Tests;

/// <summary>
/// The projects' references point one way, toward the model (docs/design-notes.md, "Projects"): an output layer
/// never reaches the script host, the script host never reaches git or an output. A reference against the
/// direction, or a project this table does not place, fails here.
/// </summary>
public sealed class ProjectGraphTests
{
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["Model"] = [],
        ["Git"] = [],
        ["Contracts"] = ["Model"],
        ["Results"] = ["Model", "Contracts"],
        ["Policies"] = ["Model", "Contracts", "Results"],
        ["Review"] = ["Model", "Contracts", "Results", "Policies", "Git"],
        ["Reports"] = ["Model", "Contracts", "Results"],
        ["GitHub"] = ["Model", "Contracts", "Results", "Reports"],
        ["Site"] = ["Model", "Contracts", "Results"],
        ["Cli"] = ["Model", "Contracts", "Results", "Policies", "Git", "Review", "Reports", "GitHub", "Site"],
    };

    [Fact]
    public void Every_project_references_only_the_layers_below_it()
    {
        var graph = ReadGraph();

        Assert.Equal(Allowed.Keys.Order(StringComparer.Ordinal), graph.Keys.Order(StringComparer.Ordinal));
        var against = Against(graph);
        Assert.True(against.Count == 0, "References against the direction: " + string.Join(", ", against));
    }

    [Fact]
    public void No_output_layer_reaches_the_script_host_even_through_another_project()
    {
        var graph = ReadGraph();

        foreach (var output in new[] { "Reports", "GitHub", "Site" })
        {
            Assert.DoesNotContain("Policies", Closure(graph, output));
            Assert.DoesNotContain("Git", Closure(graph, output));
        }

        Assert.DoesNotContain("Git", Closure(graph, "Policies"));
    }

    [Fact]
    public void The_check_catches_a_reference_against_the_direction()
    {
        var graph = ReadGraph();
        graph["Reports"] = [.. graph["Reports"], "Policies"];
        graph["Model"] = [.. graph["Model"], "Results"];

        Assert.Equal(["Model -> Results", "Reports -> Policies"], Against(graph).Order(StringComparer.Ordinal));
    }

    private static List<string> Against(Dictionary<string, List<string>> graph) => graph
        .SelectMany(project => project.Value.Where(reference => !Allowed[project.Key].Contains(reference)).Select(reference => $"{project.Key} -> {reference}"))
        .ToList();

    private static Dictionary<string, List<string>> ReadGraph()
    {
        var graph = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.ProjectRoot, "src"), "*.csproj", SearchOption.AllDirectories))
        {
            // A reference that does not reference the output (the CLI's restore-only one to build/PolicyPackCompiler)
            // orders a build step; the code does not depend on it.
            var references = XDocument.Load(file).Descendants("ProjectReference")
                .Where(r => r.Attribute("ReferenceOutputAssembly")?.Value != "false")
                .Select(r => ShortName(Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value)))
                .ToList();
            graph[ShortName(Path.GetFileNameWithoutExtension(file))] = references;
        }

        return graph;
    }

    private static HashSet<string> Closure(Dictionary<string, List<string>> graph, string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(graph[project]);
        while (pending.TryPop(out var next))
        {
            if (seen.Add(next))
            {
                foreach (var reference in graph[next])
                {
                    pending.Push(reference);
                }
            }
        }

        return seen;
    }

    private static string ShortName(string projectName) => projectName.Replace("MeshGovernance.", string.Empty, StringComparison.Ordinal);
}
