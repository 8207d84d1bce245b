using System.Text.Json;
using MeshGovernance.Testing;

namespace MeshGovernance.Cli.Tests;

public sealed class CheckCommandTests : IDisposable
{
    private readonly string _cache = Path.Combine(Path.GetTempPath(), "meshgov-cli-cache-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_cache))
        {
            Directory.Delete(_cache, recursive: true);
        }
    }

    private CliRun Check(string repo, params string[] extra) =>
        CliRun.Of(["check", "--repo", repo, "--cache-dir", _cache, "--today", "2026-11-22", .. extra]);

    private const string Malicious = """
        // ---
        // id: {0}
        // title: A policy that misbehaves
        // enforcement: soft-mandatory
        // category: test
        // rationale: Shows that a broken policy is reported, not obeyed.
        // ---
        {1}
        """;

    private static string Misbehaving(string id, string body) => Malicious.Replace("{0}", id, StringComparison.Ordinal).Replace("{1}", body, StringComparison.Ordinal);

    [Fact]
    public void Malicious_policies_are_refused_or_stopped_and_the_rest_is_reported()
    {
        using var repo = TempMeshRepository.Valid()
            .Write("governance/policies/reads-file.csx", Misbehaving("reads-file", "var secret = System.IO.File.ReadAllText(\"/etc/hostname\");"))
            .Write("governance/policies/opens-socket.csx", Misbehaving("opens-socket", "var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);"))
            .Write("governance/policies/reads-env.csx", Misbehaving("reads-env", "var token = Environment.GetEnvironmentVariable(\"GITHUB_TOKEN\");"))
            .Write("governance/policies/loops.csx", Misbehaving("loops", "while (true) { }"))
            .Write("governance/policies/recurses.csx", Misbehaving("recurses", "int Deeper(int n) => Deeper(n + 1);\nDeeper(0);"))
            .Write("governance/policies/honest.csx", Misbehaving("honest", "foreach (var p in Mesh.Products) Fail(p, \"honest finding\");"));

        // Long enough for the recursion to reach its stack limit on a busy runner (0.7 s when idle); the loop runs it out.
        var run = Check(repo.Root, "--format", "json", "--policy-timeout", "10");

        Assert.Equal(1, run.ExitCode);
        var findings = run.Findings();
        string IdOf(string file) => Assert.Single(findings.Where(f => f.GetProperty("file").GetString() == $"governance/policies/{file}.csx").Select(f => f.GetProperty("id").GetString()!).Distinct());
        Assert.Equal("MG1303", IdOf("reads-file"));
        Assert.Equal("MG1303", IdOf("opens-socket"));
        Assert.Equal("MG1303", IdOf("reads-env"));
        Assert.Equal("MG1304", IdOf("loops"));
        var recursion = Assert.Single(findings, f => f.GetProperty("file").GetString() == "governance/policies/recurses.csx");
        Assert.True(recursion.GetProperty("id").GetString() == "MG1305", recursion.GetProperty("message").GetString());
        var honest = Assert.Single(findings, f => f.GetProperty("id").GetString() == "honest");
        Assert.Equal("honest", honest.GetProperty("policy").GetString());
        Assert.Equal("soft-mandatory", honest.GetProperty("enforcement").GetString());
        Assert.False(honest.GetProperty("waived").GetBoolean());
        Assert.Equal("domains/sales/products/orders.odps.yaml", honest.GetProperty("file").GetString());
    }

    [Fact]
    public void Formats_and_outputs_pair_in_order()
    {
        using var repo = TempMeshRepository.Valid();
        var json = Path.Combine(repo.Root, "out", "report.json");
        var sarif = Path.Combine(repo.Root, "out", "report.sarif");

        var run = Check(repo.Root, "--format", "json", "--output", json, "--format", "sarif", "--output", sarif, "--format", "text");

        using var report = JsonDocument.Parse(File.ReadAllText(json));
        var summary = report.RootElement.GetProperty("summary");
        // The small test mesh has no descriptions, which asset-has-description blocks on.
        Assert.Equal(1, run.ExitCode);
        Assert.True(summary.GetProperty("blocking").GetInt32() > 0);
        Assert.True(summary.GetProperty("policies").GetInt32() >= 15);
        Assert.Contains("in 6 files.", run.Output, StringComparison.Ordinal);
        using var log = JsonDocument.Parse(File.ReadAllText(sarif));
        Assert.Equal("2.1.0", log.RootElement.GetProperty("version").GetString());
    }

    [Fact]
    public async Task A_report_sent_to_a_pipe_by_its_path_arrives_through_the_pipe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var repo = TempMeshRepository.Valid();
        using var pipe = new System.IO.Pipes.AnonymousPipeServerStream(System.IO.Pipes.PipeDirection.In);
        // What a shell's process substitution hands a program: /proc/self/fd/N (or /dev/fd/N) of a pipe.
        var path = $"/proc/self/fd/{pipe.ClientSafePipeHandle.DangerousGetHandle()}";
        var received = Task.Run(() => new StreamReader(pipe).ReadToEnd());

        var run = Check(repo.Root, "--format", "json", "--output", path);
        pipe.DisposeLocalCopyOfClientHandle();

        Assert.Equal(1, run.ExitCode);
        using var report = JsonDocument.Parse(await received.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(report.RootElement.GetProperty("summary").GetProperty("blocking").GetInt32() > 0);
    }

    [Fact]
    public void A_report_sent_to_standard_output_by_name_goes_through_meshgov_s_own_output()
    {
        using var repo = TempMeshRepository.Valid();

        var run = Check(repo.Root, "--format", "json", "--output", "/dev/stdout");

        Assert.Equal(1, run.ExitCode);
        Assert.NotEmpty(run.Findings());
    }

    [Fact]
    public void A_report_sent_to_a_device_is_written_to_it_and_the_device_stays_a_device()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var repo = TempMeshRepository.Valid();
        var json = Path.Combine(repo.Root, "report.json");
        try
        {
            var run = Check(repo.Root, "--format", "json", "--output", "/dev/null", "--format", "json", "--output", json);

            Assert.Equal(1, run.ExitCode);
            Assert.Equal("", run.Error);
            Assert.True(File.Exists(json));
            Assert.Equal("character special file", FileType("/dev/null"));
            Assert.Empty(Directory.GetFiles("/dev", "null.tmp-*"));
        }
        finally
        {
            // Had meshgov replaced it with a file, the rest of this machine's run would write into that file.
            if (FileType("/dev/null") != "character special file" && Environment.UserName == "root")
            {
                File.Delete("/dev/null");
                using var mknod = System.Diagnostics.Process.Start("mknod", ["-m", "666", "/dev/null", "c", "1", "3"]);
                mknod.WaitForExit();
            }
        }

        static string FileType(string path)
        {
            using var stat = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("stat", ["-L", "-c", "%F", path]) { RedirectStandardOutput = true })!;
            var type = stat.StandardOutput.ReadToEnd().Trim();
            stat.WaitForExit();
            return type;
        }
    }

    [Theory]
    [InlineData(new[] { "--format", "json", "--output", "a.json", "--output", "b.json" }, "--output: 2 outputs for 1 format(s)")]
    [InlineData(new[] { "--format", "json", "--format", "sarif" }, "--format: 2 formats would go to standard output")]
    [InlineData(new[] { "--format", "yaml" }, "--format")]
    [InlineData(new[] { "--policy-timeout", "0" }, "--policy-timeout")]
    [InlineData(new[] { "--today", "22/11/2026" }, "--today")]
    public void Usage_errors_name_the_offending_option_and_exit_2(string[] args, string named)
    {
        using var repo = TempMeshRepository.Valid();

        var run = CliRun.Of(["check", "--repo", repo.Root, "--no-cache", .. args]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(named, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cache_inside_the_repository_is_refused()
    {
        using var repo = TempMeshRepository.Valid();

        var run = CliRun.Of("check", "--repo", repo.Root, "--cache-dir", Path.Combine(repo.Root, ".meshgov", "cache"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--cache-dir", run.Error, StringComparison.Ordinal);
        Assert.Contains("inside the repository", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_policy_configuration_exits_2_and_still_reports()
    {
        using var repo = TempMeshRepository.Valid().Write("mesh.yaml", TempMeshRepository.ValidMesh + "\npolicies:\n  no-such-policy:\n    enabled: false\n");

        var run = Check(repo.Root, "--format", "json");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(7, run.Single("MG1308").GetProperty("line").GetInt32());
        Assert.Contains("policy configuration", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_policy_switched_off_in_mesh_yaml_does_not_run()
    {
        using var repo = TempMeshRepository.Valid()
            .Write("domains/sales/products/orders.odps.yaml", TempMeshRepository.ValidProduct.Replace("  name: sales-team", "  name: ghost-team", StringComparison.Ordinal));
        var before = Check(repo.Root, "--format", "json");
        repo.Write("mesh.yaml", TempMeshRepository.ValidMesh + "\npolicies:\n  product-has-owner:\n    enabled: false\n");

        var after = Check(repo.Root, "--format", "json");

        Assert.Contains(before.Findings(), f => f.GetProperty("id").GetString() == "product-has-owner");
        Assert.DoesNotContain(after.Findings(), f => f.GetProperty("id").GetString() == "product-has-owner");
    }
}
