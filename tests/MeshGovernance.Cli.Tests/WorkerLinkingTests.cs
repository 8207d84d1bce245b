using MeshGovernance.Model.Loading;
using MeshGovernance.Policies.Compilation;
using MeshGovernance.Policies.Engine;
using MeshGovernance.Policies.Execution;
using MeshGovernance.Policies.Isolation;
using MeshGovernance.Results;
using MeshGovernance.Testing;

namespace MeshGovernance.Cli.Tests;

/// <summary>
/// A check that left the mesh unlinked (a large mesh with policies of its own): the worker alone links it, checks its
/// references and runs every policy, the built-in pack too; what the check reports is what an in-process check does.
/// </summary>
public sealed class WorkerLinkingTests : IDisposable
{
    /// <summary>A policy that overflows its worker's stack through constructor initializers.</summary>
    private const string CtorRecursion = """
        // ---
        // id: ctor-recursion
        // title: Overflows its worker's stack
        // enforcement: soft-mandatory
        // category: test
        // rationale: Takes the worker down.
        // ---
        class Node { public Node() : this(new Node(0)) { } public Node(Node parent) { } public Node(int depth) : this() { } }
        Inform(Mesh.Products[0], new Node().ToString()!);
        """;

    private readonly TempMeshRepository _repo = TempMeshRepository.CopyOf(RepositoryPaths.Template);

    public WorkerLinkingTests()
    {
        // A reference finding, and a waiver naming a subject the mesh does not have: both depend on the linked graph.
        _repo.Write("domains/orders/products/orphan.odps.yaml", "apiVersion: v1.0.0\nkind: DataProduct\nid: orphan\nstatus: active\nname: Orphan\nteam:\n  name: no-such-team\n");
        File.AppendAllText(_repo.PathOf("governance/waivers.yaml"), """

              - policy: product-has-owner
                subjects: [orphn]
                justification: A waiver for a product that is not there.
                approvedBy: data-governance
                expires: 2027-06-30

            """);
    }

    private static PolicyWorkerPool Pool(WorkerLaunch? launch = null) => WorkerChecks.Pool(launch);

    private PolicyEngineOptions Options => new()
    {
        Budget = PolicyBudgetOptions.Default with { Timeout = TimeSpan.FromSeconds(20) },
        Cache = new PolicyCache(_repo.PathOf(".cache/policies")),
        Today = new DateOnly(2026, 12, 6),
        MaxParallelism = 2,
    };

    public void Dispose() => _repo.Dispose();

    private CheckResult InProcess()
    {
        var load = MeshLoader.Load(_repo.Root);
        return PolicyEngine.Check(load, PolicySet.Load(load), Options);
    }

    private (CheckResult Result, MeshLoadResult Load) LeftUnlinked(PolicyWorkerPool pool)
    {
        var load = MeshLoader.Load(_repo.Root, cache: FileCache.Open(_repo.PathOf(".cache/files")), linkOnDemand: _ => true);
        Assert.False(load.Linked);
        return (PolicyEngine.Check(load, PolicySet.Load(load), Options with { Worker = pool }), load);
    }

    /// <summary>The enabled policies but <paramref name="except"/> that did not run, with what was said about each (empty when all ran).</summary>
    private static List<string> NotRun(CheckResult result, string except) => result.Policies
        .Where(p => p.Enabled && !p.Ran && p.Metadata.Id != except)
        .Select(p => $"{p.Metadata.Id}: {string.Join(" | ", result.Diagnostics.Where(d => d.Policy?.PolicyId == p.Metadata.Id).Select(d => $"{d.Id} {d.Message}"))}")
        .ToList();

    private static void AssertSameReport(CheckResult expected, CheckResult actual) => WorkerChecks.AssertSameReport(expected, actual);

    [Fact]
    public void A_mesh_left_unlinked_is_linked_and_checked_in_the_worker_alone_with_the_same_report()
    {
        var expected = InProcess();
        MeshLoader.Load(_repo.Root, cache: FileCache.Open(_repo.PathOf(".cache/files")));
        using var pool = Pool();

        var (actual, load) = LeftUnlinked(pool);

        AssertSameReport(expected, actual);
        Assert.Contains(actual.Diagnostics, d => d.File == "domains/orders/products/orphan.odps.yaml" && d.Policy is null && d.Message.Contains("no-such-team", StringComparison.Ordinal));
        Assert.Contains(actual.Diagnostics, d => d.Message.Contains("'orphn'", StringComparison.Ordinal) && d.Message.Contains("did you mean 'orphan'", StringComparison.Ordinal));
        Assert.True(actual.Policies.Where(p => p.Enabled).All(p => p.Ran));
        Assert.True(actual.Statistics.Isolated);
        Assert.True(actual.Statistics.LinkedInWorker);
        Assert.False(load.Linked, "the graph was built in the worker, not here");
        Assert.Equal(1, pool.WorkersStarted);
    }

    [Fact]
    public void A_policy_that_takes_the_worker_down_costs_only_itself_and_the_reference_findings_still_come_once()
    {
        _repo.Write("governance/policies/ctor-recursion.csx", CtorRecursion);
        using var pool = Pool();

        var (result, load) = LeftUnlinked(pool);

        var stopped = Assert.Single(result.Diagnostics, d => d.Policy?.PolicyId == "ctor-recursion");
        Assert.Equal("MG1305", stopped.Id);
        Assert.Contains("overflowed the stack of its worker process", stopped.Message, StringComparison.Ordinal);
        Assert.Empty(NotRun(result, "ctor-recursion"));
        Assert.Single(result.Diagnostics, d => d.File == "domains/orders/products/orphan.odps.yaml" && d.Policy is null && d.Message.Contains("no-such-team", StringComparison.Ordinal));
        Assert.False(load.Linked);
    }

    [Fact]
    public void A_tree_damaged_in_the_file_cache_never_reaches_the_worker()
    {
        var expected = InProcess();
        MeshLoader.Load(_repo.Root, cache: FileCache.Open(_repo.PathOf(".cache/files")));
        var pack = Directory.GetFiles(_repo.PathOf(".cache/files"), "files-*.pack").Single();
        var bytes = File.ReadAllBytes(pack);
        // The team the orphan names: the reference finding the worker reports quotes it, so a damaged tree that
        // reached the worker would change the report.
        var text = bytes.AsSpan().IndexOf("no-such-team"u8);
        Assert.True(text > 0);
        bytes[text] = (byte)'N';
        File.WriteAllBytes(pack, bytes);
        using var pool = Pool();

        var (actual, _) = LeftUnlinked(pool);

        AssertSameReport(expected, actual);
        Assert.Equal(1, pool.WorkersStarted);
    }

    [Fact]
    public void Meshgov_check_of_a_mesh_past_the_line_links_it_in_the_worker_and_reports_what_an_in_process_check_does()
    {
        for (var i = 0; i < PolicyEngine.MinimumFilesToLinkInWorker; i++)
        {
            _repo.Write($"teams/extra-{i:000}.yaml", TempMeshRepository.ValidTeam.Replace("id: sales-team", $"id: extra-{i:000}", StringComparison.Ordinal));
        }

        var expected = InProcess().Diagnostics.Select(d => (d.Id, d.File, d.Line, d.Message)).Order().ToList();
        // Outside the repository: the command refuses a cache inside it.
        using var cacheFolder = TempMeshRepository.Empty();
        var cache = cacheFolder.Root;
        foreach (var run in new[] { "cold", "warm" })
        {
            var check = CliRun.Of("check", "--repo", _repo.Root, "--cache-dir", cache, "--today", "2026-12-06", "--policy-timeout", "20", "--format", "json", "--stats");

            Assert.Contains("(in the worker process, which linked the mesh)", check.Error, StringComparison.Ordinal);
            var findings = check.Findings()
                .Select(f => (f.GetProperty("id").GetString()!, f.GetProperty("file").GetString()!, f.GetProperty("line").GetInt32(), f.GetProperty("message").GetString()!))
                .Order()
                .ToList();
            Assert.Equal(expected, findings);
            Assert.Contains(findings, f => f.Item2 == "domains/orders/products/orphan.odps.yaml" && f.Item4.Contains("no-such-team", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_worker_that_links_a_large_mesh_collects_garbage_as_meshgov_does_and_any_other_as_before()
    {
        Assert.True(OperatingSystem.IsLinux(), "this test reads the workers' environments from /proc");
        using var linking = Pool();
        linking.StartEarly(serverGc: true);
        using var other = Pool();
        other.StartEarly();

        string[] Environment(PolicyWorkerPool pool) => File.ReadAllText($"/proc/{pool.WorkerProcessId}/environ").Split('\0', StringSplitOptions.RemoveEmptyEntries);

        Assert.Contains("DOTNET_gcServer=1", Environment(linking));
        Assert.DoesNotContain(Environment(linking), e => e.StartsWith("DOTNET_GCgen0size=", StringComparison.Ordinal));
        Assert.Contains("DOTNET_gcServer=0", Environment(other));
        Assert.Contains("DOTNET_GCgen0size=4000000", Environment(other));
        var (result, _) = LeftUnlinked(linking);
        Assert.True(result.Policies.Where(p => p.Enabled).All(p => p.Ran));
        Assert.Equal(1, linking.WorkersStarted);
    }

    [Fact]
    public void A_policy_that_overflows_the_stack_of_a_server_gc_worker_is_reported_and_the_fresh_worker_collects_as_before()
    {
        Assert.True(OperatingSystem.IsLinux(), "this test reads the worker's environment from /proc");
        _repo.Write("governance/policies/ctor-recursion.csx", CtorRecursion);
        using var pool = Pool();
        pool.StartEarly(serverGc: true);

        var (result, _) = LeftUnlinked(pool);

        var stopped = Assert.Single(result.Diagnostics, d => d.Policy?.PolicyId == "ctor-recursion");
        Assert.Equal("MG1305", stopped.Id);
        Assert.Contains("overflowed the stack of its worker process", stopped.Message, StringComparison.Ordinal);
        Assert.Empty(NotRun(result, "ctor-recursion"));

        // Any worker after the one that crashed (the rest of this check, or the next check of the command): workstation GC.
        pool.StartEarly(serverGc: true);
        Assert.True(pool.WorkersStarted >= 2);
        Assert.Contains("DOTNET_gcServer=0", File.ReadAllText($"/proc/{pool.WorkerProcessId}/environ").Split('\0'));
    }

    [Fact]
    public void When_no_worker_can_start_the_mesh_is_linked_here_and_the_built_in_pack_still_runs_here()
    {
        var expected = InProcess();
        using var pool = Pool(new WorkerLaunch(Path.Combine(_repo.Root, "no-such-meshgov"), []));

        var (actual, load) = LeftUnlinked(pool);

        Assert.True(load.Linked);
        var own = Assert.Single(actual.Policies, p => !p.BuiltIn && p.Enabled);
        Assert.False(own.Ran);
        Assert.Contains(actual.Diagnostics, d => d.Policy?.PolicyId == own.Metadata.Id && d.Message.Contains("policy worker could not run", StringComparison.Ordinal));
        Assert.True(actual.Policies.Where(p => p.BuiltIn && p.Enabled).All(p => p.Ran));
        Assert.Equal(
            expected.Diagnostics.Where(d => d.Policy?.PolicyId != own.Metadata.Id),
            actual.Diagnostics.Where(d => d.Policy?.PolicyId != own.Metadata.Id));
    }
}
