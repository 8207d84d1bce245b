using System.Text;
using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Loading;
using MeshGovernance.Policies.Compilation;
using MeshGovernance.Policies.Engine;
using MeshGovernance.Policies.Execution;
using MeshGovernance.Policies.Isolation;
using MeshGovernance.Testing;
using MeshGovernance.Results;

namespace MeshGovernance.Cli.Tests;

/// <summary>
/// Hostile policies in the worker process (issue 12): each kills, hangs or floods what it runs in, and each
/// costs only its own policy. The worker is the real meshgov.dll beside the tests, started as a child process.
/// </summary>
public sealed class PolicyWorkerTests
{
    private const string WellBehaved = "well-behaved";

    private static WorkerLaunch Launch => WorkerLaunch.Of(
        Path.Combine(AppContext.BaseDirectory, "meshgov.dll"), Environment.ProcessPath, Environment.GetEnvironmentVariable("DOTNET_HOST_PATH"));

    private static readonly IReadOnlyDictionary<string, string?> Secrets = new Dictionary<string, string?>
    {
        ["PATH"] = Environment.GetEnvironmentVariable("PATH"),
        ["HOME"] = Environment.GetEnvironmentVariable("HOME"),
        ["DOTNET_ROOT"] = Environment.GetEnvironmentVariable("DOTNET_ROOT"),
        ["GITHUB_TOKEN"] = "ghs_secret-token-of-the-runner",
        ["ACTIONS_RUNTIME_TOKEN"] = "runtime-secret",
        ["ACTIONS_ID_TOKEN_REQUEST_TOKEN"] = "oidc-secret",
        ["AWS_SECRET_ACCESS_KEY"] = "cloud-secret",
    };

    private static string Script(string id, string body) => $"""
        // ---
        // id: {id}
        // title: Hostile policy {id}
        // enforcement: soft-mandatory
        // category: test
        // rationale: Tries to take the run down with it.
        // ---
        {body}
        """;

    private static PolicyWorkerPool Pool(long heapLimit = 4L << 30, TimeSpan? compileTimeout = null) =>
        new(Launch, Secrets, heapLimit) { CompileTimeout = compileTimeout ?? PolicyWorkerPool.DefaultCompileTimeout };

    /// <summary>Runs the hostile policies beside one that reports every product, in a worker, two at a time.</summary>
    private static (CheckResult Result, TempMeshRepository Repo) Check(PolicyWorkerPool pool, params (string Id, string Body)[] hostile) =>
        Check(pool, _ => { }, hostile);

    private static (CheckResult Result, TempMeshRepository Repo) Check(PolicyWorkerPool pool, Action<TempMeshRepository> arrange, params (string Id, string Body)[] hostile)
    {
        var repo = TempMeshRepository.Valid();
        arrange(repo);
        repo.Write($"governance/policies/{WellBehaved}.csx", Script(WellBehaved, "foreach (var product in Mesh.Products) { Inform(product, \"seen\"); }"));
        foreach (var (id, body) in hostile)
        {
            repo.Write($"governance/policies/{id}.csx", Script(id, body));
        }

        var load = MeshLoader.Load(repo.Root);
        var options = new PolicyEngineOptions
        {
            Budget = PolicyBudgetOptions.Default with { Timeout = TimeSpan.FromSeconds(8), Grace = TimeSpan.FromSeconds(1) },
            Today = new DateOnly(2026, 12, 6),
            Worker = pool,
            MaxParallelism = 2,
        };
        return (PolicyEngine.Check(load, PolicySet.Load(load, includeBuiltIn: false), options), repo);
    }

    private static Diagnostic Single(CheckResult result, string policyId) =>
        Assert.Single(result.Diagnostics, d => d.Policy?.PolicyId == policyId);

    private static void AssertTheOthersReported(CheckResult result, TempMeshRepository repo)
    {
        var products = MeshLoader.Load(repo.Root).Mesh.Products.Count;
        Assert.Equal(products, result.Diagnostics.Count(d => d.Id == WellBehaved && d.Message == "seen"));
        Assert.True(result.Policies.Single(p => p.Metadata.Id == WellBehaved).Ran);
    }

    [Fact]
    public void Recursion_through_constructor_initializers_overflows_the_worker_and_costs_only_that_policy()
    {
        using var pool = Pool();
        var (result, repo) = Check(pool, ("ctor-recursion", """
            class Node { public Node() : this(new Node(0)) { } public Node(Node parent) { } public Node(int depth) : this() { } }
            Inform(Mesh.Products[0], new Node().ToString()!);
            """));
        using var _ = repo;

        var stopped = Single(result, "ctor-recursion");
        Assert.Equal("MG1305", stopped.Id);
        Assert.Contains("'ctor-recursion'", stopped.Message);
        Assert.Contains("overflowed the stack", stopped.Message);
        AssertTheOthersReported(result, repo);
    }

    [Fact]
    public void Policies_handed_to_the_worker_ahead_of_the_check_are_read_not_run()
    {
        using var repo = TempMeshRepository.Valid();
        repo.Write($"governance/policies/{WellBehaved}.csx", Script(WellBehaved, "foreach (var product in Mesh.Products) { Inform(product, \"seen\"); }"));
        repo.Write("governance/policies/ctor-recursion.csx", Script("ctor-recursion", """
            class Node { public Node() : this(new Node(0)) { } public Node(Node parent) { } public Node(int depth) : this() { } }
            Inform(Mesh.Products[0], new Node().ToString()!);
            """));
        var options = new PolicyEngineOptions
        {
            Budget = PolicyBudgetOptions.Default with { Timeout = TimeSpan.FromSeconds(8), Grace = TimeSpan.FromSeconds(1) },
            Cache = new PolicyCache(repo.PathOf(".policy-cache")),
            Today = new DateOnly(2026, 12, 6),
            MaxParallelism = 2,
        };
        CheckResult Check(PolicyWorkerPool pool, bool loadAhead)
        {
            var load = MeshLoader.Load(repo.Root, scanned: loadAhead ? layout => pool.StreamAhead(layout.PolicyScripts, options.Cache) : null, fileRead: loadAhead ? pool.StreamFile : null);
            return PolicyEngine.Check(load, PolicySet.Load(load, includeBuiltIn: false), options with { Worker = pool });
        }

        using var first = Pool();
        var compiling = Check(first, loadAhead: false);
        using var pool = Pool();
        pool.StartEarly();
        var loadedAhead = Check(pool, loadAhead: true);

        // The crashing policy's assembly was read ahead, and its code ran only in its own run, where it is blamed:
        // the worker that read it lived until then (a crash while reading ahead would have cost one more worker).
        Assert.Equal("MG1305", Single(loadedAhead, "ctor-recursion").Id);
        AssertTheOthersReported(loadedAhead, repo);
        Assert.Equal(first.WorkersStarted, pool.WorkersStarted);
        Assert.True(loadedAhead.Policies.All(p => p.FromCache));
        Assert.Equal(
            compiling.Diagnostics.Select(d => (d.Id, d.Message, d.File)),
            loadedAhead.Diagnostics.Select(d => (d.Id, d.Message, d.File)));
    }

    [Fact]
    public void Recursion_inside_the_base_library_is_reported_for_the_policy_that_caused_it()
    {
        using var pool = Pool();
        var (result, repo) = Check(pool, ("tuple-recursion", """
            object nested = 1;
            for (var i = 0; i < 400_000; i++) { nested = Tuple.Create(nested, i); }
            Inform(Mesh.Products[0], nested.GetHashCode().ToString());
            """));
        using var _ = repo;

        Assert.Equal("MG1305", Single(result, "tuple-recursion").Id);
        AssertTheOthersReported(result, repo);
    }

    [Fact]
    public void A_quarter_megabyte_struct_on_every_frame_and_a_million_chained_selects_cost_only_their_policies()
    {
        using var pool = Pool();
        var bigStruct = """
            int Down(int n) { var block = new Block(); block.First = n; return Down(n + 1) + block.First; }
            Inform(Mesh.Products[0], Down(0).ToString());
            struct Block { public int First; public Chunk A, B, C, D, E, F, G, H, I, J, K, L, M, N, O, P; }
            struct Chunk { public Quad A, B, C, D; }
            struct Quad { public Eight A, B, C, D; }
            struct Eight { public Line A, B, C, D, E, F, G, H; }
            struct Line { public long A, B, C, D, E, F, G, H, I, J, K, L, M, N, O, P; }
            """;
        var chained = """
            IEnumerable<int> numbers = new[] { 1 };
            for (var i = 0; i < 1_000_000; i++) { numbers = numbers.Select(n => n + 1); }
            Inform(Mesh.Products[0], numbers.First().ToString());
            """;
        var (result, repo) = Check(pool, ("big-frames", bigStruct), ("chained-selects", chained));
        using var _ = repo;

        Assert.Contains(Single(result, "big-frames").Id, new[] { "MG1305", "MG1306" });
        Assert.Contains(Single(result, "chained-selects").Id, new[] { "MG1305", "MG1306" });
        AssertTheOthersReported(result, repo);
    }

    [Fact]
    public void Two_policies_that_crash_side_by_side_are_each_found_and_reported()
    {
        using var pool = Pool();
        var recurse = "int Down(int n) => Down(n + 1) + 1;\nInform(Mesh.Products[0], Down(0).ToString());";
        var tuple = "object nested = 1;\nfor (var i = 0; i < 400_000; i++) { nested = Tuple.Create(nested, i); }\nInform(Mesh.Products[0], nested.GetHashCode().ToString());";
        var (result, repo) = Check(pool, ("crash-a", tuple), ("crash-b", tuple), ("recurse-c", recurse));
        using var _ = repo;

        Assert.Equal("MG1305", Single(result, "crash-a").Id);
        Assert.Equal("MG1305", Single(result, "crash-b").Id);
        Assert.Equal("MG1305", Single(result, "recurse-c").Id);
        AssertTheOthersReported(result, repo);
    }

    [Fact]
    public void Gigabyte_arrays_in_straight_line_code_meet_the_worker_heap_limit()
    {
        using var pool = Pool(heapLimit: 1L << 30);
        var (result, repo) = Check(pool, ("four-arrays", """
            var a = new byte[1 << 29]; var b = new byte[1 << 29]; var c = new byte[1 << 29]; var d = new byte[1 << 29];
            Inform(Mesh.Products[0], (a.Length + b.Length + c.Length + d.Length).ToString());
            """));
        using var _ = repo;

        Assert.Equal("MG1306", Single(result, "four-arrays").Id);
        AssertTheOthersReported(result, repo);
    }

    [Fact]
    public void Syntax_nested_deeper_than_any_policy_needs_is_refused_before_binding()
    {
        using var pool = Pool();
        var parentheses = "var x = " + new string('(', 10_000) + "1" + new string(')', 10_000) + ";\nInform(Mesh.Products[0], x.ToString());";
        var sum = "var y = " + string.Join(" + ", Enumerable.Repeat("1", 50_000)) + ";\nInform(Mesh.Products[0], y.ToString());";
        var lambdas = "Func<int, int> f = " + string.Concat(Enumerable.Range(0, 3_000).Select(i => $"a{i} => ((Func<int, int>)(")) + "z => z" + new string(')', 6_000) + "(a0);";
        var (result, repo) = Check(pool, ("parentheses", parentheses), ("long-sum", sum), ("nested-lambdas", lambdas));
        using var _ = repo;

        foreach (var id in new[] { "parentheses", "long-sum", "nested-lambdas" })
        {
            var refused = Assert.Single(result.Diagnostics, d => d.Policy?.PolicyId == id && d.Id == "MG1302");
            Assert.Equal($"governance/policies/{id}.csx", refused.File);
        }

        AssertTheOthersReported(result, repo);
    }

    [Fact]
    public void A_policy_that_does_not_compile_in_time_is_reported_and_the_others_run()
    {
        // Long enough for the well-behaved policy to compile on a busy machine; the overloads take minutes.
        using var pool = Pool(compileTimeout: TimeSpan.FromSeconds(20));
        var body = new StringBuilder("static int M(Func<int, int> f) => 0;\nstatic int M(Func<string, int> f) => 0;\nvar x = ");
        for (var i = 0; i < 24; i++)
        {
            body.Append($"M(a{i} => ");
        }

        body.Append('0').Append(')', 24).Append(";\nInform(Mesh.Products[0], x.ToString());");
        var (result, repo) = Check(pool, ("overloads", body.ToString()));
        using var _ = repo;

        var timedOut = Single(result, "overloads");
        Assert.Equal("MG1311", timedOut.Id);
        Assert.Contains("did not compile within 20 s", timedOut.Message);
        AssertTheOthersReported(result, repo);
    }

    [Fact]
    public void A_policy_whose_loaded_files_are_too_large_together_is_refused_before_compiling()
    {
        using var pool = Pool();
        var loads = string.Concat(Enumerable.Range(0, 6).Select(i => $"#load \"lib/part{i}.csx\"\n"));
        var (result, repo) = Check(
            pool,
            r =>
            {
                for (var i = 0; i < 6; i++)
                {
                    r.Write($"governance/policies/lib/part{i}.csx", "// " + new string('x', 900_000) + "\n");
                }
            },
            ("many-loads", loads + "Inform(Mesh.Products[0], \"loaded\");"));
        using var _ = repo;

        var refused = Single(result, "many-loads");
        Assert.Equal("MG1302", refused.Id);
        Assert.Contains("the files it loads with #load are", refused.Message);
        AssertTheOthersReported(result, repo);
    }

    [Fact]
    public void Library_code_that_never_returns_is_abandoned_and_the_next_policies_get_a_fresh_worker()
    {
        using var pool = Pool();
        var (result, repo) = Check(pool, ("regex-hang", """
            Inform(Mesh.Products[0], System.Text.RegularExpressions.Regex.IsMatch(new string('a', 60) + "!", @"^(\w+\s?)*$").ToString());
            """));
        using var _ = repo;

        var stopped = Single(result, "regex-hang");
        Assert.Equal("MG1304", stopped.Id);
        AssertTheOthersReported(result, repo);

        // The worker that abandoned a thread was ended; one fresh worker serves what came after.
        var (next, nextRepo) = Check(pool);
        using var __ = nextRepo;
        AssertTheOthersReported(next, nextRepo);
        Assert.Equal(2, pool.WorkersStarted);
    }

    [Fact]
    public void Millions_of_findings_are_cut_to_the_cap_with_one_finding_that_counts_the_rest()
    {
        using var pool = Pool();
        var (result, repo) = Check(pool, ("flood", """
            var product = Mesh.Products[0];
            for (var i = 0; i < 4_000_000; i++) { Fail(product, "again"); }
            """));
        using var _ = repo;

        var flood = result.Diagnostics.Where(d => d.Policy?.PolicyId == "flood").ToList();
        Assert.Equal(100_001, flood.Count);
        Assert.Single(flood, d => d.Message.Contains("3900000 more finding(s)", StringComparison.Ordinal) && d.Subject is null);
        AssertTheOthersReported(result, repo);
    }

    [Fact]
    public void The_worker_environment_holds_no_secret_of_the_runner()
    {
        Assert.True(OperatingSystem.IsLinux(), "this test reads the worker's environment from /proc");
        using var pool = Pool();
        var (result, repo) = Check(pool);
        using var _ = repo;
        AssertTheOthersReported(result, repo);

        var environment = File.ReadAllText($"/proc/{pool.WorkerProcessId}/environ").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        var names = environment.Select(e => e[..e.IndexOf('=', StringComparison.Ordinal)]).ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain("GITHUB_TOKEN", names);
        Assert.DoesNotContain(names, n => n.StartsWith("ACTIONS_", StringComparison.Ordinal));
        Assert.DoesNotContain("AWS_SECRET_ACCESS_KEY", names);
        Assert.DoesNotContain(environment, e => e.Contains("secret", StringComparison.Ordinal));
        Assert.Contains("DOTNET_GCHeapHardLimit", names);
    }

    [Fact]
    public void The_worker_process_cannot_dump_core_and_has_a_cpu_limit()
    {
        Assert.True(OperatingSystem.IsLinux(), "this test reads the worker's limits from /proc");
        using var pool = Pool();
        var (_, repo) = Check(pool);
        using var __ = repo;

        var limits = File.ReadAllLines($"/proc/{pool.WorkerProcessId}/limits");
        Assert.Matches(@"^Max cpu time\s+3600\s+3600\s+seconds", limits.Single(l => l.StartsWith("Max cpu time", StringComparison.Ordinal)));
        Assert.Matches(@"^Max core file size\s+0\s+0\s+bytes", limits.Single(l => l.StartsWith("Max core file size", StringComparison.Ordinal)));
    }

    [Fact]
    public void One_worker_serves_every_check_of_a_command()
    {
        using var pool = Pool();
        var (first, repo1) = Check(pool);
        var (second, repo2) = Check(pool);
        using var _ = repo1;
        using var __ = repo2;

        AssertTheOthersReported(first, repo1);
        AssertTheOthersReported(second, repo2);
        Assert.Equal(1, pool.WorkersStarted);
    }

    [Fact]
    public void The_command_line_reports_a_crashing_policy_and_every_built_in_policy_still_runs()
    {
        using var repo = TempMeshRepository.Valid();
        repo.Write("governance/policies/ctor-recursion.csx", Script("ctor-recursion", """
            class Node { public Node() : this(new Node(0)) { } public Node(Node parent) { } public Node(int depth) : this() { } }
            Inform(Mesh.Products[0], new Node().ToString()!);
            """));

        var run = CliRun.Of("check", "--repo", repo.Root, "--no-cache", "--format", "json");

        Assert.Equal(ExitCodes.Findings, run.ExitCode);
        var stopped = run.Single("MG1305");
        Assert.Contains("'ctor-recursion'", stopped.GetProperty("message").GetString());
        using var document = System.Text.Json.JsonDocument.Parse(run.Output);
        var policies = document.RootElement.GetProperty("policies").EnumerateArray().ToList();
        Assert.Single(policies, p => p.GetProperty("ran").GetBoolean() is false);
        Assert.True(policies.Count > 10);
    }

    [Fact]
    public void Policy_tests_run_a_crashing_policy_in_the_worker_and_report_it()
    {
        using var repo = TempMeshRepository.Valid();
        repo.Write("governance/policies/ctor-recursion.csx", Script("ctor-recursion", """
            class Node { public Node() : this(new Node(0)) { } public Node(Node parent) { } public Node(int depth) : this() { } }
            Inform(Mesh.Products[0], new Node().ToString()!);
            """));
        repo.Write("governance/policies/ctor-recursion.tests.yaml", """
            fixture: fixtures/one-product
            cases:
              - name: reports nothing on the valid mesh
                expect: []
            """);
        repo.WithValidMesh("governance/policies/fixtures/one-product/");

        var run = CliRun.Of("policy", "test", "--repo", repo.Root, "--no-builtin", "--no-cache");

        Assert.Equal(ExitCodes.Findings, run.ExitCode);
        Assert.Contains("FAIL ctor-recursion: reports nothing on the valid mesh", run.Output, StringComparison.Ordinal);
        Assert.Contains("the policy did not run: MG1305", run.Output, StringComparison.Ordinal);
    }
}

/// <summary>How meshgov starts its worker: itself, however it was started.</summary>
public sealed class WorkerLaunchTests
{
    [Fact]
    public void An_installed_apphost_starts_itself()
    {
        var launch = WorkerLaunch.Of("/tools/.store/meshgov/meshgov.dll", "/home/u/.dotnet/tools/meshgov", null);

        Assert.Equal("/home/u/.dotnet/tools/meshgov", launch.FileName);
        Assert.Empty(launch.Arguments);
    }

    [Fact]
    public void A_single_file_binary_starts_itself()
    {
        var launch = WorkerLaunch.Of(string.Empty, "/opt/meshgov/meshgov", "/usr/share/dotnet/dotnet");

        Assert.Equal("/opt/meshgov/meshgov", launch.FileName);
        Assert.Empty(launch.Arguments);
    }

    [Fact]
    public void The_dotnet_host_runs_the_assembly_again()
    {
        var launch = WorkerLaunch.Of("/app/meshgov.dll", "/usr/share/dotnet/dotnet", null);

        Assert.Equal("/usr/share/dotnet/dotnet", launch.FileName);
        Assert.Equal(["/app/meshgov.dll"], launch.Arguments);
    }

    [Fact]
    public void A_test_host_runs_meshgov_with_the_host_the_sdk_names()
    {
        var launch = WorkerLaunch.Of("/tests/bin/meshgov.dll", "/tests/bin/testhost", "/sdk/dotnet");

        Assert.Equal("/sdk/dotnet", launch.FileName);
        Assert.Equal(["/tests/bin/meshgov.dll"], launch.Arguments);
    }
}
