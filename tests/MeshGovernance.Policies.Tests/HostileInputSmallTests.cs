using System.Diagnostics;
using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Policies.Scripting;
using MeshGovernance.Testing;

namespace MeshGovernance.Policies.Tests;

/// <summary>Policy code and policy files that tried to escape their bounds in small ways (issue 12, part 9 and 6).</summary>
public sealed class HostileInputSmallTests
{
    [Fact]
    public void Policy_code_reached_off_its_policy_thread_is_refused()
    {
        var thrown = Record.Exception(PolicyBudget.Tick);

        Assert.IsType<PolicyCodeOutsideItsRunException>(thrown);
    }

    [Fact]
    public void A_stack_trace_of_host_code_does_not_name_the_folders_meshgov_was_built_in()
    {
        using var repo = TempMeshRepository.Valid();

        var result = PolicyHarness.Check(repo, null, ("traces", PolicyHarness.Script("traces", """
            try
            {
                Params.String("no-such-parameter");
            }
            catch (KeyNotFoundException ex)
            {
                Inform(Mesh.Products[0], ex.StackTrace ?? "no trace");
            }
            """)));

        var trace = Assert.Single(result.Diagnostics, d => d.Id == "traces").Message;
        Assert.Contains("PolicyParameters", trace, StringComparison.Ordinal);
        Assert.DoesNotContain(RepositoryPaths.ProjectRoot, trace, StringComparison.Ordinal);
    }

    [Fact]
    public void A_span_no_file_can_have_falls_back_to_the_node()
    {
        using var repo = TempMeshRepository.Valid();

        var result = PolicyHarness.Check(repo, null, ("spans", PolicyHarness.Script("spans", """
            var product = Mesh.Products[0];
            Fail(product, new MeshGovernance.Model.Diagnostics.SourceSpan(product.File, int.MaxValue, -5, int.MaxValue, -5), "far away");
            Fail(product, new MeshGovernance.Model.Diagnostics.SourceSpan(product.File, 0, 0, 0, 0), "nowhere");
            Fail(product, new MeshGovernance.Model.Diagnostics.SourceSpan(product.File, 3, 1, 3, 8), "here");
            """)));

        var findings = result.Diagnostics.Where(d => d.Id == "spans").ToDictionary(d => d.Message, d => (d.Line, d.Column));
        Assert.Equal((1, 1), findings["far away"]);
        Assert.Equal((1, 1), findings["nowhere"]);
        Assert.Equal((3, 1), findings["here"]);
    }

    [Fact]
    public void A_load_directive_with_a_nul_byte_is_refused_at_the_directive()
    {
        using var repo = TempMeshRepository.Valid();

        var result = PolicyHarness.Check(repo, null, ("nul", PolicyHarness.Script("nul", "#load \"lib\0.csx\"\nFail(Mesh.Products[0], \"x\");")));

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(("MG1310", "governance/policies/nul.csx", 8), (error.Id, error.File, error.Line));
        Assert.Equal("'#load \"lib\\u0000.csx\"' is refused: a path with a control character names no file a policy may load.", error.Message);
    }

    [Fact]
    public void A_pipe_named_like_a_policy_or_loaded_by_one_does_not_hang_the_run()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return; // named pipes are made with mkfifo
        }

        using var repo = TempMeshRepository.Valid();
        repo.Write("governance/policies/uses-lib.csx", PolicyHarness.Script("uses-lib", "#load \"lib.csx\"\nFail(Mesh.Products[0], \"ran\");"));
        MakeFifo(repo.PathOf("governance/policies/pipe.csx"));
        MakeFifo(repo.PathOf("governance/policies/lib.csx"));

        var watch = Stopwatch.StartNew();
        var result = PolicyHarness.Check(repo);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60));
        Assert.Contains(result.Diagnostics, d => d.Id == "MG1002" && d.File == "governance/policies/pipe.csx" && d.Message.Contains("not a regular file", StringComparison.Ordinal));
        Assert.Contains(result.Diagnostics, d => d.Id == "uses-lib" && d.Message == "ran");
    }

    [Fact]
    public void Every_policy_starts_on_the_invariant_culture()
    {
        using var repo = TempMeshRepository.Valid();
        var previous = System.Globalization.CultureInfo.DefaultThreadCurrentCulture;
        // meshgov runs in globalization-invariant mode; a changed copy of the invariant culture is what a policy could set.
        var comma = (System.Globalization.CultureInfo)System.Globalization.CultureInfo.InvariantCulture.Clone();
        comma.NumberFormat.NumberDecimalSeparator = ",";
        System.Globalization.CultureInfo.DefaultThreadCurrentCulture = comma;
        try
        {
            var result = PolicyHarness.Check(repo, null, ("culture", PolicyHarness.Script("culture", """
                Fail(Mesh.Products[0], 1.5.ToString());
                """)));

            Assert.Equal("1.5", Assert.Single(result.Diagnostics, d => d.Id == "culture").Message);
        }
        finally
        {
            System.Globalization.CultureInfo.DefaultThreadCurrentCulture = previous;
        }
    }

    [Fact]
    public void A_policy_reports_a_bounded_number_of_findings_and_of_characters()
    {
        using var repo = TempMeshRepository.Valid();

        var result = PolicyHarness.Check(repo, null, ("flood", PolicyHarness.Script("flood", """
            var product = Mesh.Products[0];
            var huge = new string('x', 1_000_000);
            for (var i = 0; i < 100_050; i++) Fail(product, i == 0 ? huge : "again");
            """)));

        var findings = result.Diagnostics.Where(d => d.Id == "flood").ToList();
        Assert.Equal(100_001, findings.Count);
        Assert.Equal(2000, findings.Max(f => f.Message.Length));
        var more = Assert.Single(findings, f => f.Subject is null);
        Assert.Equal((DiagnosticLevel.Error, "governance/policies/flood.csx"), (more.Level, more.File));
        Assert.StartsWith("Policy 'flood' reported 50 more finding(s), not shown", more.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\r")]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\u2028")]
    [InlineData("\u0085")]
    public void The_cache_key_sees_a_load_directive_after_any_line_break_the_compiler_knows(string lineBreak)
    {
        var text = "// ---" + lineBreak + "  #load \"lib.csx\"" + lineBreak + "# load \"other.csx\"" + lineBreak + "Fail(Mesh.Products[0], \"x\");";

        Assert.Equal(["lib.csx", "other.csx"], MeshGovernance.Policies.Compilation.ScriptIncludes.Directives(text));
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { RedirectStandardError = true })!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }
}
