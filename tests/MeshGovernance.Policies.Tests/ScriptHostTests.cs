using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Testing;

namespace MeshGovernance.Policies.Tests;

/// <summary>Compiling policies: compile errors at the script's own positions, directives, and one broken policy never stopping the others.</summary>
public sealed class ScriptHostTests
{
    private static (string, string) Passing => ("always-passes", PolicyHarness.Script("always-passes", "var count = Mesh.Products.Count;"));

    private static (string, string) Failing => ("product-named", PolicyHarness.Script("product-named", """
        foreach (var product in Mesh.Products)
            Fail(product, $"Product '{product.Id}' was looked at.");
        """));

    [Fact]
    public void A_compile_error_is_reported_at_its_line_and_column_and_the_other_policies_run()
    {
        using var repo = TempMeshRepository.Valid();
        var result = PolicyHarness.Check(repo, null, Failing, ("broken", PolicyHarness.Script("broken", """
            var products = Mesh.Products;
            var n = products.Cout;
            """)));

        var error = Assert.Single(result.Diagnostics, d => d.Id == "MG1302");
        Assert.Equal("governance/policies/broken.csx", error.File);
        Assert.Equal(9, error.Line);
        Assert.Equal(18, error.Column);
        Assert.Contains("Cout", error.Message, StringComparison.Ordinal);
        Assert.Equal("broken", error.Policy?.PolicyId);
        Assert.Single(result.Diagnostics, d => d.Id == "product-named");
        Assert.False(result.Policies.Single(p => p.Metadata.Id == "broken").Ran);
        Assert.True(result.Policies.Single(p => p.Metadata.Id == "product-named").Ran);
    }

    [Fact]
    public void Reference_directives_are_refused_at_their_line()
    {
        using var repo = TempMeshRepository.Valid();
        var result = PolicyHarness.Check(repo, null, ("refs", PolicyHarness.Script("refs", """
            #r "System.Net.Http.dll"
            var n = 1;
            """)));

        var refused = Assert.Single(result.Diagnostics, d => d.Id == "MG1310");
        Assert.Equal(8, refused.Line);
        Assert.Contains("#r System.Net.Http.dll", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_reaches_scripts_inside_the_policies_folder_only()
    {
        using var repo = TempMeshRepository.Valid();
        repo.Write("governance/policies/lib/naming.csx", "static bool IsLowercase(string id) => id == id.ToLowerInvariant();\n");
        repo.Write("secrets.csx", "var stolen = 1;\n");
        var result = PolicyHarness.Check(
            repo,
            null,
            ("uses-helper", PolicyHarness.Script("uses-helper", """
                #load "lib/naming.csx"
                foreach (var product in Mesh.Products.Where(p => IsLowercase(p.Id)))
                    Inform(product, "lowercase");
                """)),
            ("escapes", PolicyHarness.Script("escapes", """
                #load "../../secrets.csx"
                var n = 1;
                """)));

        Assert.Single(result.Diagnostics, d => d.Id == "uses-helper" && d.Level == DiagnosticLevel.Notice);
        var refused = Assert.Single(result.Diagnostics, d => d.Id == "MG1310");
        Assert.Equal("governance/policies/escapes.csx", refused.File);
        Assert.Contains("inside the policies folder", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_through_a_linked_folder_that_leaves_the_policies_folder_is_refused()
    {
        using var outside = TempMeshRepository.Empty().Write("helpers.csx", "static bool Yes() => true;\n");
        using var repo = TempMeshRepository.Valid();
        Directory.CreateDirectory(repo.PathOf("governance/policies"));
        Directory.CreateSymbolicLink(repo.PathOf("governance/policies/lib"), outside.Root);
        var result = PolicyHarness.Check(repo, null, ("linked", PolicyHarness.Script("linked", """
            #load "lib/helpers.csx"
            var yes = Yes();
            """)));

        Assert.Single(result.Diagnostics, d => d.Id == "MG1310");
        Assert.False(Assert.Single(result.Policies).Ran);
    }

    [Fact]
    public void A_compile_error_in_a_loaded_file_names_that_file()
    {
        using var repo = TempMeshRepository.Valid();
        repo.Write("governance/policies/lib/broken.csx", "\nstatic int Broken() => \"text\";\n");
        var result = PolicyHarness.Check(repo, null, ("loads-broken", PolicyHarness.Script("loads-broken", """
            #load "lib/broken.csx"
            var n = Broken();
            """)));

        var error = Assert.Single(result.Diagnostics, d => d.Id == "MG1302");
        Assert.Equal("governance/policies/lib/broken.csx", error.File);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void Script_classes_local_functions_and_linq_queries_compile_and_run()
    {
        using var repo = TempMeshRepository.Valid();
        var result = PolicyHarness.Check(repo, null, ("rich", PolicyHarness.Script("rich", """
            class Summary { public Summary(string id, int properties) { Id = id; Properties = properties; } public string Id { get; } public int Properties { get; } public string Label => $"{Id}:{Properties}"; }
            int Depth(SchemaElement e) => e.Parent is null ? 0 : 1 + Depth(e.Parent);
            var summaries = from c in Mesh.Contracts
                            let count = c.AllElements().Count(e => Depth(e) > 0)
                            select new Summary(c.Id, count);
            Func<int, int> twice = x => x * 2;
            Action<string> ignore = _ => { };
            foreach (var s in summaries)
            {
                ignore(s.Id);
                try { Inform(Mesh.FindContract(s.Id)!, $"{s.Id} has {twice(s.Properties) / 2} properties."); }
                catch (InvalidOperationException) { throw; }
            }
            """)));

        var notice = Assert.Single(result.Diagnostics, d => d.Id == "rich");
        Assert.Equal("sales.orders.v1 has 2 properties.", notice.Message);
    }
}

public sealed class EditorGlobalsTests
{
    [Fact]
    public void The_editor_globals_declare_every_public_member_of_the_script_globals()
    {
        var script = Scripting.EditorGlobals.Generate();

        Assert.Contains("static global::MeshGovernance.Model.Graph.Mesh Mesh => __meshgov.Mesh;", script, StringComparison.Ordinal);
        Assert.Contains("static global::System.DateOnly Today => __meshgov.Today;", script, StringComparison.Ordinal);
        Assert.Contains("static void Fail(global::MeshGovernance.Model.Graph.MeshNode node, string key, string message) => __meshgov.Fail(node, key, message);", script, StringComparison.Ordinal);
        var members = typeof(Scripting.PolicyGlobals).GetMembers(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly)
            .Where(m => m is System.Reflection.PropertyInfo or System.Reflection.MethodInfo { IsSpecialName: false })
            .Select(m => m.Name)
            .Distinct();
        Assert.All(members, name => Assert.Contains($" {name}", script, StringComparison.Ordinal));
    }

    [Fact]
    public void A_policy_that_loads_the_editor_globals_runs_with_the_real_globals()
    {
        using var repo = MeshGovernance.Testing.TempMeshRepository.Valid();
        repo.Write("governance/policies/.meshgov/meshgov-globals.csx", Scripting.EditorGlobals.Generate());
        var result = PolicyHarness.Check(repo, null, ("with-editor", PolicyHarness.Script("with-editor", """
            #load ".meshgov/meshgov-globals.csx"
            foreach (var product in Mesh.Products)
                Fail(product, "found through the real globals");
            """)));

        Assert.Single(result.Diagnostics, d => d.Id == "with-editor");
        Assert.DoesNotContain(result.Diagnostics, d => d.Id.StartsWith("MG13", StringComparison.Ordinal));
    }
}
