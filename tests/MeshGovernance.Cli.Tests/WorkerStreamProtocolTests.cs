using System.Diagnostics;
using MeshGovernance.Model.Loading;
using MeshGovernance.Model.Schemas;
using MeshGovernance.Policies.Isolation;

namespace MeshGovernance.Cli.Tests;

/// <summary>
/// The worker's side of a streamed setup, spoken to byte by byte as meshgov does (the message kinds and the setup's
/// fields are written out here on purpose: a change to the protocol must show up as a failing test). A worker never
/// takes a stream other than the one the setup counts.
/// </summary>
public sealed class WorkerStreamProtocolTests
{
    private const byte Setup = 1;
    private const byte SetupFile = 4;
    private const byte Ready = 10;

    private static readonly LoadedFile Unparsed = new(new MeshFile("teams/a.yaml", "/mesh/teams/a.yaml", DocumentKind.Team, null, "a"), null, []);

    private static void WriteFile(BinaryWriter writer, int index)
    {
        writer.Write(SetupFile);
        writer.Write7BitEncodedInt(index);
        LoadedFilesFormat.WriteFile(writer, Unparsed, LoadedFilesFormat.Payload(Unparsed));
    }

    private static void WriteSetup(BinaryWriter writer, int streamedFiles)
    {
        writer.Write(Setup);
        writer.Write(false); // link
        writer.Write(streamedFiles);
        writer.Write(new DateOnly(2026, 12, 6).DayNumber);
        writer.Write(TimeSpan.FromSeconds(5).Ticks); // budget
        writer.Write(64L << 20); // allocation budget
        writer.Write(TimeSpan.FromSeconds(1).Ticks); // grace
        writer.Write(false); // no policy cache
        writer.Write("another build"); // the engine that worked out the keys
        writer.Write(false); // no pull request
    }

    /// <summary>Runs a worker on <paramref name="input"/> (then its input closes): its exit code, what it wrote, what it said.</summary>
    private static (int ExitCode, byte[] Output, string Error) Run(Action<BinaryWriter> input)
    {
        var launch = WorkerLaunch.Of(Path.Combine(AppContext.BaseDirectory, "meshgov.dll"), Environment.ProcessPath, Environment.GetEnvironmentVariable("DOTNET_HOST_PATH"));
        var start = new ProcessStartInfo(launch.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in launch.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add(PolicyWorker.Command);
        using var worker = Process.Start(start)!;
        var error = worker.StandardError.ReadToEndAsync();
        using var output = new MemoryStream();
        var copied = worker.StandardOutput.BaseStream.CopyToAsync(output);
        using (var writer = new BinaryWriter(worker.StandardInput.BaseStream, LoadedFilesFormat.Encoding))
        {
            try
            {
                input(writer);
            }
            catch (IOException)
            {
                // The worker ended before it read everything: its exit code says why.
            }
        }

        if (!worker.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            worker.Kill();
            Assert.Fail("the worker did not end when its input closed");
        }

        copied.Wait(TimeSpan.FromSeconds(5));
        return (worker.ExitCode, output.ToArray(), error.Result);
    }

    [Fact]
    public void The_files_a_setup_counts_are_taken_and_the_worker_answers_ready()
    {
        var (exitCode, output, error) = Run(w =>
        {
            WriteFile(w, 1);
            WriteFile(w, 0);
            WriteSetup(w, streamedFiles: 2);
        });

        Assert.Equal(0, exitCode);
        Assert.True(output.Length > 0 && output[0] == Ready, error);
    }

    [Fact]
    public void A_file_streamed_twice_to_one_place_ends_the_worker_as_a_protocol_error()
    {
        var (exitCode, output, _) = Run(w =>
        {
            WriteFile(w, 0);
            WriteFile(w, 0);
            WriteSetup(w, streamedFiles: 1);
        });

        Assert.Equal(3, exitCode);
        Assert.Empty(output);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(0)]
    public void A_setup_that_counts_other_files_than_came_is_refused_before_the_worker_is_ready(int counted)
    {
        var (exitCode, output, error) = Run(w =>
        {
            WriteFile(w, 0);
            WriteSetup(w, streamedFiles: counted);
        });

        Assert.Equal(3, exitCode);
        Assert.Empty(output);
        Assert.Contains($"The setup counts {counted} files streamed; 1 came.", error, StringComparison.Ordinal);
    }
}
