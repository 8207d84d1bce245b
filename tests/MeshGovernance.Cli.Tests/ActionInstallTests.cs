using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using MeshGovernance.Testing;
using YamlDotNet.RepresentationModel;
using static MeshGovernance.Cli.Tests.WorkflowYaml;

namespace MeshGovernance.Cli.Tests;

/// <summary>
/// The composite action's install of a released meshgov (action.yml's steps, scripts/install-meshgov.sh), run by
/// bash as the runner would run it, against a fake release on a real HTTP server on 127.0.0.1. The release's
/// "executables" are shell scripts that print a version and append a line to a marker file when they run.
/// </summary>
[Collection(ReleaseArtifacts.Collection)]
public sealed partial class ActionInstallTests : IDisposable
{
    private const string Version = "0.1.0";
    private const string ReleasesPath = "/acme/meshgov/releases/download";
    private const string CommitSha = "3d3c42e5aac5ba805825da76410c181273ba90b1";

    private readonly string _root = Directory.CreateTempSubdirectory("meshgov-action-install-").FullName;
    private readonly FakeReleaseServer _server;

    public ActionInstallTests()
    {
        Directory.CreateDirectory(Served);
        Directory.CreateDirectory(ToolCache);
        Directory.CreateDirectory(RunnerTemp);
        _server = new FakeReleaseServer(Served);
    }

    private string Served => Path.Combine(_root, "served");

    private string ToolCache => Path.Combine(_root, "toolcache");

    private string RunnerTemp => Path.Combine(_root, "runner-temp");

    private string Marker => Path.Combine(_root, "executed.log");

    private string ReleasesUrl => _server.BaseUrl + ReleasesPath;

    public void Dispose()
    {
        _server.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [Theory]
    [InlineData("Linux", "X64", "linux-x64", "meshgov-0.1.0-linux-x64.tar.gz", "meshgov")]
    [InlineData("Linux", "ARM64", "linux-arm64", "meshgov-0.1.0-linux-arm64.tar.gz", "meshgov")]
    [InlineData("macOS", "ARM64", "osx-arm64", "meshgov-0.1.0-osx-arm64.tar.gz", "meshgov")]
    [InlineData("Windows", "X64", "win-x64", "meshgov-0.1.0-win-x64.zip", "meshgov.exe")]
    public void It_downloads_the_runners_asset_verifies_it_and_puts_it_on_the_path(string os, string arch, string rid, string asset, string exe)
    {
        Publish(Version);

        var run = Install(os, arch);

        Assert.True(run.ExitCode == 0, run.Log);
        Assert.Equal([$"{ReleasesPath}/v0.1.0/SHA256SUMS", $"{ReleasesPath}/v0.1.0/{asset}"], _server.Requests);
        var dir = Path.Combine(ToolCache, "meshgov", Version, rid);
        Assert.Equal(FakeExecutable(Version, rid), File.ReadAllText(Path.Combine(dir, exe)));
        Assert.Equal(dir + "\n", run.GitHubPath);
        // `meshgov --version` is run once, after the install.
        Assert.Contains($"meshgov {Version} (fake {rid})", run.Output, StringComparison.Ordinal);
        Assert.Equal([$"{rid} {Version} ran"], File.ReadAllLines(Marker));
    }

    [Fact]
    public void Without_a_releases_url_it_downloads_from_the_actions_own_repository_on_the_github_server()
    {
        Publish(Version);

        var run = Install(configure: env =>
        {
            env.Remove("MESHGOV_RELEASES_URL");
            env["GITHUB_SERVER_URL"] = _server.BaseUrl;
            env["MESHGOV_ACTION_REPOSITORY"] = "acme/meshgov";
        });

        Assert.True(run.ExitCode == 0, run.Log);
        Assert.Equal([$"{ReleasesPath}/v0.1.0/SHA256SUMS", $"{ReleasesPath}/v0.1.0/meshgov-0.1.0-linux-x64.tar.gz"], _server.Requests);
    }

    [Fact]
    public void A_checksum_mismatch_stops_it_before_anything_is_extracted_or_run()
    {
        Publish(Version, sums: (asset, hash) => asset.Contains("linux-x64", StringComparison.Ordinal) ? new string('0', 64) : hash);

        var run = Install();

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(
            $"::error title=meshgov install::checksum mismatch for {ReleasesUrl}/v0.1.0/meshgov-0.1.0-linux-x64.tar.gz: SHA256SUMS says {new string('0', 64)}, the download is ",
            run.Output,
            StringComparison.Ordinal);
        Assert.Contains("Nothing was installed.", run.Output, StringComparison.Ordinal);
        AssertNothingInstalled(run);
    }

    [Fact]
    public void An_asset_missing_from_SHA256SUMS_is_not_downloaded()
    {
        Publish(Version, sums: (asset, hash) => asset.Contains("linux-x64", StringComparison.Ordinal) ? null : hash);

        var run = Install();

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("::error title=meshgov install::the SHA256SUMS of meshgov 0.1.0 has no entry for meshgov-0.1.0-linux-x64.tar.gz; nothing was installed.", run.Output, StringComparison.Ordinal);
        Assert.Equal([$"{ReleasesPath}/v0.1.0/SHA256SUMS"], _server.Requests);
        AssertNothingInstalled(run);
    }

    [Fact]
    public void An_unknown_version_says_it_is_not_released()
    {
        Publish(Version);

        var run = Install(version: "9.9.9");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"::error title=meshgov install::meshgov 9.9.9 is not released at {ReleasesUrl}/v9.9.9/SHA256SUMS: ", run.Output, StringComparison.Ordinal);
        Assert.Contains("404", run.Output, StringComparison.Ordinal);
        Assert.Equal([$"{ReleasesPath}/v9.9.9/SHA256SUMS"], _server.Requests);
        AssertNothingInstalled(run);
    }

    [Theory]
    [InlineData("macOS", "X64")]
    [InlineData("Linux", "ARM")]
    [InlineData("Windows", "ARM64")]
    public void An_unsupported_platform_is_named_with_the_supported_ones_and_nothing_is_downloaded(string os, string arch)
    {
        Publish(Version);

        var run = Install(os, arch);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(
            $"::error title=meshgov install::meshgov is not released for {os} {arch}; the releases are for Linux X64, Linux ARM64, macOS ARM64, Windows X64. Use `build-from-source: true` on this runner.",
            run.Output,
            StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
        AssertNothingInstalled(run);
    }

    [Fact]
    public void A_second_run_uses_the_tool_cache_and_downloads_only_SHA256SUMS()
    {
        Publish(Version);
        Assert.Equal(0, Install().ExitCode);
        _server.ClearRequests();

        var run = Install();

        Assert.True(run.ExitCode == 0, run.Log);
        Assert.Equal([$"{ReleasesPath}/v0.1.0/SHA256SUMS"], _server.Requests);
        Assert.Contains("meshgov 0.1.0 (linux-x64) is in the tool cache and matches the release's SHA256SUMS", run.Output, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(ToolCache, "meshgov", Version, "linux-x64") + "\n", run.GitHubPath);
    }

    [Fact]
    public void A_cached_folder_holding_anything_else_is_discarded_since_it_goes_on_the_path()
    {
        Publish(Version);
        Assert.Equal(0, Install().ExitCode);
        _server.ClearRequests();
        var dir = Path.Combine(ToolCache, "meshgov", Version, "linux-x64");
        File.WriteAllText(Path.Combine(dir, "git"), $"#!/bin/sh\necho planted >> '{Marker}'\n");

        var run = Install();

        Assert.True(run.ExitCode == 0, run.Log);
        Assert.Contains("holds other files; discarding it and downloading again.", run.Output, StringComparison.Ordinal);
        Assert.Equal(["meshgov", "meshgov-0.1.0-linux-x64.tar.gz"], Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Plain_http_is_refused_except_from_this_machine()
    {
        Publish(Version);

        var run = Install(configure: env => env["MESHGOV_RELEASES_URL"] = "http://releases.example/acme/meshgov/releases/download");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("is not https; meshgov is downloaded only over https", run.Output, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
        AssertNothingInstalled(run);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_tampered_cached_binary_is_discarded_and_downloaded_again(bool archiveToo)
    {
        Publish(Version);
        Assert.Equal(0, Install().ExitCode);
        _server.ClearRequests();
        var dir = Path.Combine(ToolCache, "meshgov", Version, "linux-x64");
        var tampered = $"#!/bin/sh\necho tampered >> '{Marker}'\n";
        File.WriteAllText(Path.Combine(dir, "meshgov"), tampered);
        if (archiveToo)
        {
            // Consistent with the binary, but not with the release's checksum.
            WriteTarGz(Path.Combine(dir, "meshgov-0.1.0-linux-x64.tar.gz"), "meshgov", tampered);
        }

        var run = Install();

        Assert.True(run.ExitCode == 0, run.Log);
        Assert.Contains($"::warning title=meshgov install::the cached meshgov 0.1.0 in {dir} does not match the release's SHA256SUMS or holds other files; discarding it and downloading again.", run.Output, StringComparison.Ordinal);
        Assert.Equal([$"{ReleasesPath}/v0.1.0/SHA256SUMS", $"{ReleasesPath}/v0.1.0/meshgov-0.1.0-linux-x64.tar.gz"], _server.Requests);
        Assert.Equal(FakeExecutable(Version, "linux-x64"), File.ReadAllText(Path.Combine(dir, "meshgov")));
        Assert.DoesNotContain("tampered", File.ReadAllText(Marker), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v0.1.0", "0.1.0")]
    [InlineData("v1.2.0-rc.1", "1.2.0-rc.1")]
    public void Without_a_version_it_installs_the_release_the_action_is_used_at(string actionRef, string expected)
    {
        Publish(Version);
        Publish("1.2.0-rc.1");

        var run = Install(version: string.Empty, actionRef: actionRef);

        Assert.True(run.ExitCode == 0, run.Log);
        Assert.Equal($"{ReleasesPath}/v{expected}/meshgov-{expected}-linux-x64.tar.gz", _server.Requests[^1]);
        Assert.Contains($"meshgov {expected} (fake linux-x64)", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CommitSha)]
    [InlineData("main")]
    [InlineData("v1")]
    public void Without_a_version_an_action_used_at_a_branch_or_commit_asks_for_one(string actionRef)
    {
        Publish(Version);

        var run = Install(version: string.Empty, actionRef: actionRef);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(
            $"::error title=meshgov install::the action is used at {actionRef}, which is not a release tag; set `version: X.Y.Z` (the release in the comment beside the SHA).",
            run.Output,
            StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public void A_version_input_wins_over_the_actions_ref_and_may_start_with_v()
    {
        Publish(Version);

        var run = Install(version: "v0.1.0", actionRef: CommitSha);

        Assert.True(run.ExitCode == 0, run.Log);
        Assert.Equal($"{ReleasesPath}/v0.1.0/meshgov-0.1.0-linux-x64.tar.gz", _server.Requests[^1]);
    }

    [Fact]
    public void A_malformed_version_is_refused_before_any_download()
    {
        var run = Install(version: "0.1.0/../../evil");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("::error title=meshgov install::version '0.1.0/../../evil' is not a meshgov release version", run.Output, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public void The_resolve_step_names_the_version_and_folder_for_the_cache_without_downloading()
    {
        var run = RunStep("release", "macOS", "ARM64", version: string.Empty, actionRef: "v1.2.0-rc.1");

        Assert.True(run.ExitCode == 0, run.Log);
        Assert.Equal(
            ["version=1.2.0-rc.1", "rid=osx-arm64", $"dir={Path.Combine(ToolCache, "meshgov", "1.2.0-rc.1", "osx-arm64")}"],
            run.GitHubOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Empty(_server.Requests);
        Assert.Empty(run.GitHubPath);
    }

    [Fact]
    public void The_action_downloads_the_release_by_default_and_needs_dotnet_only_to_build_from_source()
    {
        var text = File.ReadAllText(ActionFile);
        var action = Load("action.yml");
        var inputs = (YamlMappingNode)action["inputs"];
        Assert.Equal(string.Empty, Text((YamlMappingNode)inputs["version"], "default"));
        Assert.Equal("false", Text((YamlMappingNode)inputs["build-from-source"], "default"));
        Assert.Equal("${{ runner.temp }}/meshgov-cache", Text((YamlMappingNode)inputs["cache-dir"], "default"));
        Assert.False(inputs.Children.ContainsKey("meshgov-version"));
        Assert.Equal(["exit-code", "blocking", "sarif"], ((YamlMappingNode)action["outputs"]).Children.Keys.Select(k => ((YamlScalarNode)k).Value));

        var steps = ActionSteps(action);
        var download = "inputs.build-from-source != 'true'";
        var build = "inputs.build-from-source == 'true'";
        Assert.Equal(
            [("release", download, null), (null, download, "actions/cache"), ("install", download, null), (null, build, "actions/setup-dotnet"), ("build", build, null), ("check", null, null)],
            steps.Select(s => (Text(s, "id"), Text(s, "if"), Text(s, "uses")?.Split('@')[0])));

        var cache = (YamlMappingNode)steps[1]["with"];
        Assert.Equal("${{ steps.release.outputs.dir }}", Text(cache, "path"));
        Assert.Equal("meshgov-${{ steps.release.outputs.version }}-${{ runner.os }}-${{ runner.arch }}", Text(cache, "key"));

        // github.action_ref and github.action_repository work in a composite action's env:, not in run:.
        foreach (var step in new[] { steps[0], steps[2] })
        {
            var env = (YamlMappingNode)step["env"];
            Assert.Equal("${{ inputs.version }}", Text(env, "MESHGOV_VERSION"));
            Assert.Equal("${{ github.action_ref }}", Text(env, "MESHGOV_ACTION_REF"));
            Assert.Equal("${{ github.action_repository }}", Text(env, "MESHGOV_ACTION_REPOSITORY"));
        }

        // No expression is pasted into a script, and every action is pinned to a full commit SHA.
        Assert.All(steps.Select(s => Text(s, "run")).OfType<string>(), run => Assert.DoesNotContain("${{", run, StringComparison.Ordinal));
        var uses = UsesLine().Matches(text);
        Assert.Equal(2, uses.Count);
        Assert.All(uses, m => Assert.Matches(PinnedUses(), m.Groups[1].Value));
    }

    [Fact]
    public void The_real_linux_release_installs_from_the_server_and_checks_the_template_with_the_actions_check_step()
    {
        if (!ReleaseArtifacts.OnLinuxX64)
        {
            return; // The real binary under test is the linux-x64 one.
        }

        var archive = Assert.Single(Directory.GetFiles(ReleaseArtifacts.BinaryFolder, "meshgov-*-linux-x64.tar.gz"));
        var version = Path.GetFileName(archive)["meshgov-".Length..^"-linux-x64.tar.gz".Length];
        var folder = Directory.CreateDirectory(Path.Combine(Served, ReleasesPath.TrimStart('/'), "v" + version)).FullName;
        File.Copy(archive, Path.Combine(folder, Path.GetFileName(archive)));
        File.Copy(Path.Combine(ReleaseArtifacts.BinaryFolder, "SHA256SUMS"), Path.Combine(folder, "SHA256SUMS"));
        var mesh = Path.Combine(_root, "mesh");
        CopyFolder(RepositoryPaths.Template, mesh);

        var install = Install(version: version);
        Assert.True(install.ExitCode == 0, install.Log);
        Assert.Contains($"meshgov {version} (commit ", install.Output, StringComparison.Ordinal);
        var check = RunStep("check", "Linux", "X64", version, configure: env =>
        {
            env["PATH"] = install.GitHubPath.Trim() + ":/usr/bin:/bin";
            env["GITHUB_WORKSPACE"] = _root;
            env["MESHGOV_CACHE_DIR"] = Path.Combine(_root, "policy-cache");
            env["INPUT_REPO_PATH"] = "mesh";
            env["INPUT_BASE"] = env["INPUT_HEAD"] = string.Empty;
            env["INPUT_FORMATS"] = "text sarif=meshgov.sarif";
            env["INPUT_CHECK_NAME"] = "meshgov";
            env["INPUT_GITHUB"] = "false";
            env["INPUT_FETCH"] = "false";
        });

        Assert.True(check.ExitCode == 0, check.Log);
        Assert.Contains("0 blocking findings", check.Output, StringComparison.Ordinal);
        Assert.Contains("exit-code=0\nblocking=0\nsarif=" + Path.Combine(_root, "meshgov.sarif") + "\n", check.GitHubOutput, StringComparison.Ordinal);
    }

    private static void CopyFolder(string source, string destination)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.StartsWith(".meshgov", StringComparison.Ordinal))
            {
                continue; // a local cache of the editor schemas, not part of the template
            }

            var target = Path.Combine(destination, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static string ActionFile => Path.Combine(RepositoryPaths.ProjectRoot, "action.yml");

    private static string FakeExecutable(string version, string rid) => $"#!/bin/sh\necho '{rid} {version} ran' >> \"$MESHGOV_TEST_MARKER\"\necho 'meshgov {version} (fake {rid})'\n";

    /// <summary>Writes a release to the served folder: an archive per platform and its SHA256SUMS, whose lines <paramref name="sums"/> may change (null drops one).</summary>
    private void Publish(string version, Func<string, string, string?>? sums = null)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Served, ReleasesPath.TrimStart('/'), "v" + version)).FullName;
        var lines = new StringBuilder();
        foreach (var rid in new[] { "linux-x64", "linux-arm64", "osx-arm64", "win-x64" })
        {
            var asset = $"meshgov-{version}-{rid}" + (rid == "win-x64" ? ".zip" : ".tar.gz");
            var path = Path.Combine(folder, asset);
            if (rid == "win-x64")
            {
                WriteZip(path, "meshgov.exe", FakeExecutable(version, rid));
            }
            else
            {
                WriteTarGz(path, "meshgov", FakeExecutable(version, rid));
            }

            var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
            if ((sums is null ? hash : sums(asset, hash)) is { } line)
            {
                lines.Append(line).Append("  ").Append(asset).Append('\n');
            }
        }

        File.WriteAllText(Path.Combine(folder, "SHA256SUMS"), lines.ToString());
    }

    private static void WriteTarGz(string path, string name, string content)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var tar = new TarWriter(gzip, TarEntryFormat.Pax);
        tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name)
        {
            DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)),
            Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute,
        });
    }

    private static void WriteZip(string path, string name, string content)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        using var writer = new StreamWriter(zip.CreateEntry(name).Open());
        writer.Write(content);
    }

    private void AssertNothingInstalled(StepRun run)
    {
        Assert.False(Directory.Exists(Path.Combine(ToolCache, "meshgov")) && Directory.EnumerateFiles(Path.Combine(ToolCache, "meshgov"), "*", SearchOption.AllDirectories).Any());
        Assert.Empty(Directory.EnumerateFileSystemEntries(RunnerTemp, "*", SearchOption.AllDirectories));
        Assert.False(File.Exists(Marker), "a meshgov was executed");
        Assert.Empty(run.GitHubPath);
    }

    private StepRun Install(string os = "Linux", string arch = "X64", string version = Version, string actionRef = "", Action<IDictionary<string, string?>>? configure = null) =>
        RunStep("install", os, arch, version, actionRef, configure);

    /// <summary>Runs a step's <c>run:</c> text from action.yml with bash, with the environment the runner and the step's <c>env:</c> would give it.</summary>
    private StepRun RunStep(string id, string os, string arch, string version = Version, string actionRef = "", Action<IDictionary<string, string?>>? configure = null)
    {
        var step = ActionSteps(Load("action.yml")).Single(s => Text(s, "id") == id);
        var gitHubPath = Path.Combine(_root, "github-path");
        var gitHubOutput = Path.Combine(_root, "github-output");
        File.WriteAllText(gitHubPath, string.Empty);
        File.WriteAllText(gitHubOutput, string.Empty);

        var start = new ProcessStartInfo("bash") { WorkingDirectory = _root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Text(step, "run")!);
        var env = start.Environment;
        // Nothing from the machine running the tests: no runner variables, no proxy between curl and 127.0.0.1.
        foreach (var key in env.Keys.ToList())
        {
            if (key.StartsWith("GITHUB_", StringComparison.Ordinal) || key.StartsWith("RUNNER_", StringComparison.Ordinal) || key.StartsWith("MESHGOV_", StringComparison.Ordinal)
                || key.EndsWith("_proxy", StringComparison.OrdinalIgnoreCase) || key.Equals("CURL_CA_BUNDLE", StringComparison.Ordinal))
            {
                env.Remove(key);
            }
        }

        env["NO_PROXY"] = env["no_proxy"] = "127.0.0.1,localhost";
        env["RUNNER_OS"] = os;
        env["RUNNER_ARCH"] = arch;
        env["RUNNER_TEMP"] = RunnerTemp;
        env["RUNNER_TOOL_CACHE"] = ToolCache;
        env["GITHUB_PATH"] = gitHubPath;
        env["GITHUB_OUTPUT"] = gitHubOutput;
        env["GITHUB_ACTION_PATH"] = RepositoryPaths.ProjectRoot;
        env["MESHGOV_VERSION"] = version;
        env["MESHGOV_ACTION_REF"] = actionRef;
        env["MESHGOV_ACTION_REPOSITORY"] = "acme/meshgov";
        env["MESHGOV_RELEASES_URL"] = ReleasesUrl;
        env["MESHGOV_TEST_MARKER"] = Marker;
        configure?.Invoke(env);

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the action step did not finish within a minute");
        }

        return new StepRun(process.ExitCode, output.Result, error.Result, File.ReadAllText(gitHubPath), File.ReadAllText(gitHubOutput));
    }

    [GeneratedRegex(@"^\s*(?:-\s+)?uses:\s*(.+)$", RegexOptions.Multiline)]
    private static partial Regex UsesLine();

    [GeneratedRegex(@"^[\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")]
    private static partial Regex PinnedUses();

    private sealed record StepRun(int ExitCode, string Output, string Error, string GitHubPath, string GitHubOutput)
    {
        public string Log => Output + Error;
    }
}
