using System.Text;
using System.Text.Json;
using MeshGovernance.Testing;

namespace MeshGovernance.Cli.Tests;

public class ValidateCommandTests
{
    [Fact]
    public void The_example_mesh_validates_cleanly()
    {
        var run = CliRun.Of("validate", "--repo", RepositoryPaths.Template);

        Assert.Equal((0, string.Empty), (run.ExitCode, run.Error));
        Assert.Matches(@"^0 errors, 0 warnings, 0 notices in \d+ files\.", run.Output);
    }

    [Fact]
    public void Text_output_is_compiler_style_and_exit_code_1_on_errors()
    {
        using var repo = TempMeshRepository.Valid().Write("domains/sales/domain.yaml", TempMeshRepository.ValidDomain.Replace("owner: sales-team", "owner: nobody"));

        var run = CliRun.Of("validate", "--repo", repo.Root);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("domains/sales/domain.yaml(6,8): error MG1204: The owner 'nobody' of domain 'sales'", run.Output);
        Assert.Contains("1 error, 0 warnings, 0 notices in 6 files.", run.Output);
    }

    [Fact]
    public void Json_output_has_summary_and_findings_with_the_documented_fields()
    {
        using var repo = TempMeshRepository.Valid().Write("domains/sales/domain.yaml", TempMeshRepository.ValidDomain.Replace("owner: sales-team", "owner: nobody"));

        var run = CliRun.Of("validate", "--repo", repo.Root, "--format", "json");

        using var document = JsonDocument.Parse(run.Output);
        var summary = document.RootElement.GetProperty("summary");
        Assert.Equal((1, 0, 0), (summary.GetProperty("error").GetInt32(), summary.GetProperty("warning").GetInt32(), summary.GetProperty("notice").GetInt32()));
        var finding = run.Single("MG1204");
        Assert.Equal("error", finding.GetProperty("level").GetString());
        Assert.Equal("domains/sales/domain.yaml", finding.GetProperty("file").GetString());
        Assert.Equal((6, 8), (finding.GetProperty("line").GetInt32(), finding.GetProperty("column").GetInt32()));
        Assert.Equal("sales", finding.GetProperty("subject").GetString());
        Assert.Contains("nobody", finding.GetProperty("message").GetString());
    }

    public static TheoryData<string, byte[], string, int, int> BadFiles()
    {
        static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);
        var nested = Utf8("apiVersion: meshgov/v1\nkind: Team\nid: deep\nname: " + new string('[', 10_000) + new string(']', 10_000) + "\n");
        var laughs = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < 9; i++)
        {
            laughs.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9))}]\n");
        }

        return new TheoryData<string, byte[], string, int, int>
        {
            // file, content, expected id, line, column
            { "teams/empty.yaml", [], "MG1008", 1, 1 },
            { "teams/list.yaml", Utf8("- username: alice\n- username: bob\n"), "MG1010", 1, 1 },
            { "teams/tabs.yaml", Utf8("apiVersion: meshgov/v1\nkind: Team\nmembers:\n\t- username: alice\n"), "MG1001", 4, 1 },
            { "teams/latin1.yaml", [.. Utf8("id: caf"), 0xE9, .. Utf8("\n")], "MG1003", 1, 8 },
            { "teams/dupes.yaml", Utf8(TempMeshRepository.ValidTeam.Replace("id: sales-team", "id: dupes") + "\nname: Again\n"), "MG1007", 10, 1 },
            { "teams/deep.yaml", nested, "MG1005", 4, 70 },
            { "teams/laughs.yaml", Utf8(laughs.ToString()), "MG1006", 6, 45 },
            { "teams/two.yaml", Utf8(TempMeshRepository.ValidTeam.Replace("sales-team", "two") + "\n---\nid: b\n"), "MG1009", 10, 1 },
        };
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Every_bad_input_gets_its_diagnostic_at_the_right_place_and_the_rest_is_still_validated(string file, byte[] content, string id, int line, int column)
    {
        using var repo = TempMeshRepository.Valid()
            .WriteBytes(file, content)
            .Write("domains/sales/products/orders.odps.yaml", TempMeshRepository.ValidProduct.Replace("status: active", "status: [active]"));

        var run = CliRun.Of("validate", "--repo", repo.Root, "--format", "json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        var finding = Assert.Single(run.Findings(), f => f.GetProperty("file").GetString() == file);
        Assert.Equal((id, line, column), (finding.GetProperty("id").GetString(), finding.GetProperty("line").GetInt32(), finding.GetProperty("column").GetInt32()));
        var other = run.Single("MG1103");
        Assert.Equal("domains/sales/products/orders.odps.yaml", other.GetProperty("file").GetString());
    }

    [Fact]
    public void A_bom_and_crlf_line_endings_are_read_as_ordinary_yaml()
    {
        using var repo = TempMeshRepository.Valid()
            .WriteBytes("teams/sales-team.yaml", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(TempMeshRepository.ValidTeam.ReplaceLineEndings("\r\n").Replace("owner", "x"))]);

        var run = CliRun.Of("validate", "--repo", repo.Root);

        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public void A_crlf_file_with_an_error_reports_the_same_line_as_with_lf()
    {
        using var repo = TempMeshRepository.Valid()
            .Write("domains/sales/domain.yaml", TempMeshRepository.ValidDomain.Replace("owner: sales-team", "owner: nobody").ReplaceLineEndings("\r\n"));

        var finding = CliRun.Of("validate", "--repo", repo.Root, "--format", "json").Single("MG1204");

        Assert.Equal((6, 8), (finding.GetProperty("line").GetInt32(), finding.GetProperty("column").GetInt32()));
    }

    [Fact]
    public void A_twenty_megabyte_file_is_refused_without_reading_it()
    {
        using var repo = TempMeshRepository.Valid();
        using (var stream = File.Create(repo.PathOf("domains/sales/contracts/huge.odcs.yaml")))
        {
            stream.SetLength(20L * 1024 * 1024);
        }

        var run = CliRun.Of("validate", "--repo", repo.Root, "--format", "json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("domains/sales/contracts/huge.odcs.yaml", run.Single("MG1004").GetProperty("file").GetString());
    }

    [Fact]
    public async Task A_named_pipe_is_reported_without_blocking_on_it()
    {
        using var repo = TempMeshRepository.Valid();
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", repo.PathOf("teams/pipe.yaml")))
        {
            mkfifo.WaitForExit();
        }

        var run = await Task.Run(() => CliRun.Of("validate", "--repo", repo.Root, "--format", "json")).WaitAsync(TimeSpan.FromSeconds(30));

        var finding = run.Single("MG1008");
        Assert.Equal("teams/pipe.yaml", finding.GetProperty("file").GetString());
    }

    [Fact]
    public void A_symlink_leaving_the_repository_is_reported_and_not_followed()
    {
        using var outside = TempMeshRepository.Empty().Write("passwd.yaml", "root: x\n");
        using var repo = TempMeshRepository.Valid();
        File.CreateSymbolicLink(repo.PathOf("teams/intruder.yaml"), outside.PathOf("passwd.yaml"));

        var run = CliRun.Of("validate", "--repo", repo.Root, "--format", "json");

        Assert.Equal(1, run.ExitCode);
        var finding = run.Single("MG1011");
        Assert.Equal("teams/intruder.yaml", finding.GetProperty("file").GetString());
        Assert.DoesNotContain(run.Findings(), f => f.GetProperty("message").GetString()!.Contains("root"));
    }

    [Fact]
    public void A_missing_mesh_yaml_is_a_configuration_error_with_exit_code_2()
    {
        using var repo = TempMeshRepository.Valid().Delete("mesh.yaml");

        var run = CliRun.Of("validate", "--repo", repo.Root);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("mesh.yaml(1,1): error MG1013:", run.Output);
        Assert.Contains("no readable mesh.yaml", run.Error);
    }

    [Fact]
    public void An_unreadable_mesh_yaml_is_a_configuration_error_with_exit_code_2()
    {
        using var repo = TempMeshRepository.Valid().Write("mesh.yaml", "name: [oops\n");

        var run = CliRun.Of("validate", "--repo", repo.Root);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("mesh.yaml(", run.Output);
        Assert.Contains("error MG1001", run.Output);
    }

    [Fact]
    public void A_directory_that_does_not_exist_is_a_usage_error_naming_the_option()
    {
        var run = CliRun.Of("validate", "--repo", "/nonexistent/mesh");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        Assert.StartsWith("error: --repo: the directory '/nonexistent/mesh' does not exist.", run.Error);
    }

    [Fact]
    public void An_unknown_format_is_a_usage_error_naming_the_option()
    {
        var run = CliRun.Of("validate", "--format", "xml");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: --format: ", run.Error);
        Assert.Contains("'xml'", run.Error);
        Assert.Contains("meshgov validate --help", run.Error);
    }

    [Fact]
    public void A_contract_in_a_format_meshgov_does_not_read_gets_one_blocking_finding_and_explain_describes_it()
    {
        using var repo = TempMeshRepository.Valid()
            .Write("domains/sales/contracts/legacy.odcs.yaml", "version: 1.0.0\nkind: DataContract\napiVersion: v2.2.2\nuuid: 53581432\ndatasetName: my_table\ndataset: []\n");

        var run = CliRun.Of("validate", "--repo", repo.Root);
        var explain = CliRun.Of("explain", "MG1016");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("domains/sales/contracts/legacy.odcs.yaml(3,1): error MG1016: ODCS v2.2.2 is not read: meshgov reads ODCS v3.0.x and v3.1.0.", run.Output);
        Assert.Contains("1 error, 0 warnings, 0 notices in 7 files.", run.Output);
        Assert.Equal(0, explain.ExitCode);
        Assert.Contains("does not read", explain.Output);
    }

    [Fact]
    public void Help_describes_the_options()
    {
        var run = CliRun.Of("validate", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--repo", run.Output);
        Assert.Contains("text|json", run.Output);
    }

    [Fact]
    public void The_default_cache_folder_comes_from_the_environment_meshgov_is_given_not_the_process()
    {
        using var repo = TempMeshRepository.Valid();
        using var elsewhere = TempMeshRepository.Empty();
        var fromEnvironment = Path.Combine(elsewhere.Root, "from-environment");

        var cached = Validate(repo.Root, new Dictionary<string, string?> { ["MESHGOV_CACHE_DIR"] = fromEnvironment });
        var inside = Validate(repo.Root, new Dictionary<string, string?> { ["MESHGOV_CACHE_DIR"] = Path.Combine(repo.Root, "cache") });

        Assert.Equal(0, cached.ExitCode);
        Assert.NotEmpty(Directory.EnumerateFiles(fromEnvironment, "*", SearchOption.AllDirectories));
        Assert.Equal(2, inside.ExitCode);
        Assert.StartsWith("error: --cache-dir:", inside.Error, StringComparison.Ordinal);
    }

    private static CliRun Validate(string repository, Dictionary<string, string?> environment)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = new MeshgovApp(output, error, environment).Run(["validate", "--repo", repository]);
        return new CliRun(code, output.ToString(), error.ToString());
    }
}
