using MeshGovernance.Testing;

namespace MeshGovernance.Policies.Tests;

/// <summary>A policy may read the mesh and compute, nothing else: each escape is refused before it runs, at its line.</summary>
public sealed class RestrictionTests
{
    [Theory]
    [InlineData("var text = System.IO.File.ReadAllText(\"/etc/passwd\");", "System.IO.File")]
    [InlineData("var token = Environment.GetEnvironmentVariable(\"GITHUB_TOKEN\");", "System.Environment")]
    [InlineData("var all = System.Environment.GetEnvironmentVariables();", "System.Environment")]
    [InlineData("var socket = new System.Net.Sockets.TcpClient(\"127.0.0.1\", 80);", "System.Net.Sockets.TcpClient")]
    [InlineData("var http = new System.Net.Http.HttpClient();", "System.Net.Http.HttpClient")]
    [InlineData("System.Diagnostics.Process.Start(\"sh\");", "System.Diagnostics.Process")]
    [InlineData("var method = Mesh.GetType().GetMethod(\"FindTeam\");", "System.Type")]
    [InlineData("var type = typeof(Mesh).Assembly;", "System.Type")]
    [InlineData("var fields = System.Reflection.BindingFlags.NonPublic;", "System.Reflection.BindingFlags")]
    [InlineData("var thread = new System.Threading.Thread(() => { });", "System.Threading.Thread")]
    [InlineData("System.Threading.Tasks.Task.Run(() => 1);", "System.Threading.Tasks.Task")]
    [InlineData("Console.WriteLine(\"::add-mask::x\");", "System.Console")]
    [InlineData("var ptr = System.Runtime.InteropServices.Marshal.AllocHGlobal(8);", "System.Runtime.InteropServices.Marshal")]
    [InlineData("dynamic d = Mesh; var x = d.Teams;", "dynamic")]
    [InlineData("var data = AppContext.GetData(\"x\");", "System.AppContext")]
    [InlineData("var o = Activator.CreateInstance(typeof(object));", "System.Activator")]
    [InlineData("var files = System.IO.Directory.GetFiles(\"/\");", "System.IO.Directory")]
    [InlineData("var q = Mesh.Products.AsQueryable();", "System.Linq.Queryable")]
    [InlineData("var info = new System.IO.FileInfo(\"x\").Length;", "System.IO.FileInfo")]
    public void A_forbidden_api_is_refused_at_its_line(string statement, string named)
    {
        using var repo = TempMeshRepository.Valid();
        var result = PolicyHarness.Check(repo, null, ("escape", PolicyHarness.Script("escape", $"var before = 1;\n{statement}\n")));

        var violations = result.Diagnostics.Where(d => d.Id == "MG1303").ToList();
        Assert.NotEmpty(violations);
        Assert.All(violations, v => Assert.Equal(9, v.Line));
        Assert.Contains(violations, v => v.Message.Contains(named, StringComparison.Ordinal));
        Assert.False(result.Policies.Single().Ran);
    }

    [Theory]
    [InlineData("unsafe { int x = 1; int* p = &x; }", "MG1302")]
    [InlineData("loop: goto loop;", "MG1303")]
    [InlineData("void F() { Span<byte> big = stackalloc byte[100]; }", "MG1303")]
    [InlineData("lock (Mesh) { }", "MG1303")]
    [InlineData("class Leak { ~Leak() { while (true) { } } }", "MG1303")]
    [InlineData("record Loop(int Depth);", "MG1303")]
    [InlineData("IProgress<int> p = new Progress<int>(_ => { while (true) { } }); p.Report(0);", "MG1303")]
    [InlineData("CultureInfo.DefaultThreadCurrentCulture = new CultureInfo(\"tr-TR\");", "MG1303")]
    [InlineData("(CultureInfo.DefaultThreadCurrentCulture, _) = (new CultureInfo(\"tr-TR\"), 0);", "MG1303")]
    [InlineData("((CultureInfo.DefaultThreadCurrentUICulture, _), _) = ((new CultureInfo(\"tr-TR\"), 0), 0);", "MG1303")]
    [InlineData("Regex.CacheSize++;", "MG1303")]
    [InlineData("--Regex.CacheSize;", "MG1303")]
    [InlineData("Regex.CacheSize += 5;", "MG1303")]
    [InlineData("(Regex.CacheSize, _) = (0, 0);", "MG1303")]
    [InlineData("System.Text.Encoding.RegisterProvider(null!);", "MG1303")]
    [InlineData("async System.Threading.Tasks.Task<int> F() => 1;", "MG1303")]
    public void Language_features_that_escape_the_budgets_are_refused(string statement, string id)
    {
        using var repo = TempMeshRepository.Valid();
        var result = PolicyHarness.Check(repo, null, ("escape", PolicyHarness.Script("escape", statement + "\n")));

        Assert.Contains(result.Diagnostics, d => d.Id == id && d.Line == 8);
        Assert.False(result.Policies.Single().Ran);
    }

    [Fact]
    public void Everyday_computation_is_allowed()
    {
        using var repo = TempMeshRepository.Valid();
        var result = PolicyHarness.Check(repo, null, ("compute", PolicyHarness.Script("compute", """
            var pattern = new Regex("^[a-z.]+$");
            var builder = new System.Text.StringBuilder();
            var byDomain = Mesh.Products.GroupBy(p => p.Domain?.Id ?? "none").ToDictionary(g => g.Key, g => g.Count());
            var parsed = DateOnly.ParseExact("2026-01-31", "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var days = Today.DayNumber - parsed.DayNumber;
            var set = new HashSet<string>(StringComparer.Ordinal) { "a" };
            var name = nameof(Mesh) + Math.Max(1, 2).ToString(CultureInfo.InvariantCulture) + Guid.Empty + Uri.EscapeDataString("a b");
            foreach (var product in Mesh.Products.Where(p => pattern.IsMatch(p.Id)))
                builder.Append(product.Id).Append(days > 0 ? '+' : '-');
            Inform(Mesh.Products[0], builder.ToString() + byDomain.Count + set.Count + name.Length);
            """)));

        Assert.True(!result.Diagnostics.Any(d => d.Id.StartsWith("MG13", StringComparison.Ordinal)), string.Join("\n", result.Diagnostics));
        Assert.Single(result.Diagnostics, d => d.Id == "compute");
    }
}
