using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Runtime.InteropServices;
using MeshGovernance.Testing;

namespace MeshGovernance.Cli.Tests;

/// <summary>
/// The tool package and the linux-x64 binary as a release makes them: by <c>dotnet pack</c> and
/// <c>build/publish-binaries.sh</c>, once per test run. .ci/run makes them before the tests and passes their
/// folders in MESHGOV_TEST_PACKAGE and MESHGOV_TEST_BINARIES, so that no build runs beside the tests there.
/// </summary>
internal static class ReleaseArtifacts
{
    /// <summary>The test collection of every class that uses these artifacts: the two builds must not run at once.</summary>
    public const string Collection = "Release artifacts";

    private static readonly Lazy<string> Package = new(() => Produce("MESHGOV_TEST_PACKAGE", folder =>
        MustRun("dotnet", RepositoryPaths.ProjectRoot, TimeSpan.FromMinutes(10), "pack", "src/MeshGovernance.Cli", "--configuration", "Release", "--output", folder, "--nologo")));

    private static readonly Lazy<string> Binaries = new(() => Produce("MESHGOV_TEST_BINARIES", folder =>
        MustRun("bash", RepositoryPaths.ProjectRoot, TimeSpan.FromMinutes(20), "build/publish-binaries.sh", folder, "linux-x64")));

    public static bool OnLinuxX64 => OperatingSystem.IsLinux() && RuntimeInformation.OSArchitecture == Architecture.X64;

    /// <summary>The folder holding <c>meshgov.&lt;version&gt;.nupkg</c>.</summary>
    public static string PackageFolder => Package.Value;

    /// <summary>The folder holding the linux-x64 archive and SHA256SUMS.</summary>
    public static string BinaryFolder => Binaries.Value;

    /// <summary>The linux-x64 archive, extracted into <paramref name="folder"/>; the executable's path.</summary>
    public static string ExtractLinuxBinary(string folder)
    {
        var archive = Assert.Single(Directory.GetFiles(BinaryFolder, "meshgov-*-linux-x64.tar.gz"));
        Directory.CreateDirectory(folder);
        using (var gzip = new GZipStream(File.OpenRead(archive), CompressionMode.Decompress))
        {
            TarFile.ExtractToDirectory(gzip, folder, overwriteFiles: false);
        }

        return Path.Combine(folder, "meshgov");
    }

    public static (int ExitCode, string Output, string Error) Run(string program, string workingDirectory, TimeSpan timeout, params string[] arguments) =>
        Run(program, workingDirectory, timeout, environment: null, arguments);

    public static (int ExitCode, string Output, string Error) Run(string program, string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (environment is not null)
        {
            start.Environment.Clear();
            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', arguments)} did not finish within {timeout}");
        }

        return (process.ExitCode, output.Result, error.Result);
    }

    private static string Produce(string variable, Action<string> make)
    {
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } given)
        {
            return given;
        }

        var folder = Path.Combine(Path.GetTempPath(), "meshgov-release-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Left for the system's temporary-file cleanup.
            }
        };
        make(folder);
        return folder;
    }

    private static void MustRun(string program, string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        var run = Run(program, workingDirectory, timeout, arguments);
        Assert.True(run.ExitCode == 0, $"{program} {string.Join(' ', arguments)} failed ({run.ExitCode}):\n{run.Output}\n{run.Error}");
    }
}
