using MeshGovernance.Testing;

namespace MeshGovernance.Policies.Tests;

/// <summary>A runaway policy is stopped within its budget and reported; the run finishes and reports everything else.</summary>
public sealed class BudgetTests
{
    private static readonly TimeSpan ShortTimeout = TimeSpan.FromMilliseconds(700);

    private static (string, string) Healthy => ("healthy", PolicyHarness.Script("healthy", """
        foreach (var product in Mesh.Products)
            Fail(product, "still reported");
        """));

    [Theory]
    [InlineData("while (true) { }", "MG1304")]
    [InlineData("for (;;) ;", "MG1304")]
    [InlineData("var i = 0; do { i = (i + 1) % 7; } while (i >= 0);", "MG1304")]
    [InlineData("foreach (var x in Forever()) { }\nIEnumerable<int> Forever() { while (true) yield return 1; }", "MG1304")]
    [InlineData("while (true) { try { while (true) { } } catch { } }", "MG1304")]
    [InlineData("while (true) { try { while (true) { } } catch (Exception) when (true) { } finally { } }", "MG1304")]
    [InlineData("int Down(int n) => Down(n + 1); Down(0);", "MG1305")]
    [InlineData("Func<int, int> f = null!; f = n => f(n + 1); f(0);", "MG1305")]
    [InlineData("int Safe(int n) { try { return Safe(n + 1); } catch { return 0; } } Safe(0);", "MG1305")]
    [InlineData("class Node { Node next = new Node(); } new Node();", "MG1305")]
    [InlineData("class Node { Node Next { get; } = new Node(); } new Node();", "MG1305")]
    [InlineData("class Boom : Exception { public override string Message => throw new Exception(); } throw new Boom();", "MG1307")]
    [InlineData("class Slow : Exception { public override string Message { get { while (true) { } } } } throw new Slow();", "MG1307")]
    [InlineData("((List<DataProduct>)Mesh.Products).Clear();", "MG1307")]
    [InlineData("((List<string>)Mesh.Products[0].Tags).Add(\"x\");", "MG1307")]
    [InlineData("Mesh.Products.Where(p => p.Id.Length > 1000).First();", "MG1307")]
    public void A_runaway_policy_is_stopped_and_the_others_still_report(string body, string id)
    {
        using var repo = TempMeshRepository.Valid();
        // Deep recursion gets a long time budget, so that on a loaded machine the timeout cannot stop it before
        // the stack does; the other cases end by themselves at once or need the timeout to end.
        var timeout = id == "MG1305" ? TimeSpan.FromSeconds(30) : ShortTimeout;
        var options = PolicyHarness.Options(timeout) with
        {
            Budget = PolicyHarness.Options(timeout).Budget with { MaxAllocatedBytes = 256L * 1024 * 1024 },
        };
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = PolicyHarness.Check(repo, options, Healthy, ("runaway", PolicyHarness.Script("runaway", body + "\n")));
        watch.Stop();

        var stopped = Assert.Single(result.Diagnostics, d => d.Id.StartsWith("MG13", StringComparison.Ordinal));
        Assert.Equal(id, stopped.Id);
        Assert.Equal("governance/policies/runaway.csx", stopped.File);
        Assert.Contains("runaway", stopped.Message, StringComparison.Ordinal);
        Assert.Single(result.Diagnostics, d => d.Id == "healthy");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
    }

    [Fact]
    public void A_policy_that_allocates_without_end_is_stopped_by_its_memory_budget()
    {
        using var repo = TempMeshRepository.Valid();
        // A generous timeout, so that the memory budget is what stops it however slow allocation is on this machine.
        var options = PolicyHarness.Options(TimeSpan.FromSeconds(60)) with
        {
            Budget = PolicyHarness.Options(TimeSpan.FromSeconds(60)).Budget with { MaxAllocatedBytes = 64L * 1024 * 1024 },
        };
        var result = PolicyHarness.Check(repo, options, Healthy, ("hoarder", PolicyHarness.Script("hoarder", """
            var list = new List<string>();
            while (true) list.Add(new string('x', 10_000));
            """)));

        var stopped = Assert.Single(result.Diagnostics, d => d.Id.StartsWith("MG13", StringComparison.Ordinal));
        Assert.Equal("MG1306", stopped.Id);
        Assert.Contains("64 MiB", stopped.Message, StringComparison.Ordinal);
        Assert.Single(result.Diagnostics, d => d.Id == "healthy");
    }

    [Fact]
    public void A_policy_stuck_in_library_code_is_abandoned_after_the_grace_period()
    {
        using var repo = TempMeshRepository.Valid();
        // One library call that never returns to the policy's code, so no woven check runs.
        var result = PolicyHarness.Check(repo, PolicyHarness.Options(ShortTimeout), Healthy, ("stuck", PolicyHarness.Script("stuck", """
            // About four billion steps: seconds of work even with the enumerators' code warm, so well past timeout and grace.
            var n = Enumerable.Repeat(1, int.MaxValue).Concat(Enumerable.Repeat(1, int.MaxValue)).LongCount();
            """)));

        var stopped = Assert.Single(result.Diagnostics, d => d.Id == "MG1304");
        Assert.Contains("abandoned", stopped.Message, StringComparison.Ordinal);
        Assert.Single(result.Diagnostics, d => d.Id == "healthy");
    }
}
