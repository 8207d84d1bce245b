using System.Diagnostics;
using System.Text.RegularExpressions;
using MeshGovernance.Policies.Compilation;
using MeshGovernance.Testing;

namespace MeshGovernance.Cli.Tests;

/// <summary>The real executable, as CI and users run it: exit codes and streams of a separate process.</summary>
public class ProcessTests
{
    private static (int ExitCode, string Output, string Error) Meshgov(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "meshgov.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(1)), "meshgov did not finish within a minute");
        return (process.ExitCode, output.Result, error.Result);
    }

    [Fact]
    public void Exit_codes_are_0_1_and_2_and_no_stack_trace_reaches_the_user()
    {
        using var broken = TempMeshRepository.Valid().WriteBytes("teams/bad.yaml", [0xFF, 0xFE, 0x00]);

        var clean = Meshgov("validate", "--repo", RepositoryPaths.Template);
        var findings = Meshgov("validate", "--repo", broken.Root);
        var usage = Meshgov("validate", "--no-such-option");

        Assert.Equal(0, clean.ExitCode);
        Assert.Equal(1, findings.ExitCode);
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("--no-such-option", usage.Error);
        Assert.All(new[] { clean.Error, findings.Error, findings.Output, usage.Error }, text => Assert.DoesNotContain("   at ", text));
    }

    [Fact]
    public void A_warm_check_loads_compiled_policies_from_the_cache_without_starting_the_compiler()
    {
        var cache = Path.Combine(Path.GetTempPath(), "meshgov-process-cache-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var cold = Meshgov("check", "--repo", RepositoryPaths.Template, "--cache-dir", cache, "--stats", "--today", "2026-11-22");
            var warm = Meshgov("check", "--repo", RepositoryPaths.Template, "--cache-dir", cache, "--stats", "--today", "2026-11-22");

            Assert.Equal(0, cold.ExitCode);
            Assert.Equal(0, warm.ExitCode);
            // An empty cache compiles every policy, except the built-in pack when this build of meshgov carries it
            // compiled (a Release build embeds it): then only the mesh's own policies are compiled.
            var counts = Regex.Match(cold.Error, @"policies: (\d+) \((\d+) from cache, (\d+) compiled\)");
            Assert.True(counts.Success, cold.Error);
            var (total, fromCache, compiled) = (Count(counts, 1), Count(counts, 2), Count(counts, 3));
            var shipsPack = typeof(MeshgovApp).Assembly.GetManifestResourceNames().Any(n => n.StartsWith(PrecompiledPolicies.ResourcePrefix, StringComparison.Ordinal));
            var own = Directory.GetFiles(Path.Combine(RepositoryPaths.Template, "governance", "policies"), "*.csx").Length;
            Assert.Equal(shipsPack ? own : total, compiled);
            Assert.Equal(total - compiled, fromCache);
            Assert.Contains("compiler loaded: yes", cold.Error);
            Assert.Matches(@"policies: (\d+) \(\1 from cache, 0 compiled\)", warm.Error);
            Assert.Contains("compiler loaded: no", warm.Error);
            Assert.Contains("0 validated", warm.Error);
            Assert.Equal(cold.Output, warm.Output);
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    private static int Count(Match match, int group) => int.Parse(match.Groups[group].Value, System.Globalization.CultureInfo.InvariantCulture);
}
