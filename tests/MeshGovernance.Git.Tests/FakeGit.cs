using System.Diagnostics;
using MeshGovernance.Testing;

namespace MeshGovernance.Git.Tests;

/// <summary>
/// Shell scripts standing in for the git executable (through <see cref="GitOptions.GitExecutable"/>): one that logs every
/// invocation and runs the real git, and one that runs an arbitrary script. Deleted on dispose.
/// </summary>
public sealed class FakeGit : IDisposable
{
    private readonly string _folder;

    private FakeGit(string folder, string script)
    {
        _folder = folder;
        Executable = Path.Combine(folder, "git");
        Log = Path.Combine(folder, "invocations.log");
        ExecutableScript.Write(Executable, "#!/bin/sh\n" + script.Replace("$LOG", Log) + "\n");
    }

    public string Executable { get; }

    public string Log { get; }

    public GitOptions Options => new() { GitExecutable = Executable };

    /// <summary>Every invocation (its arguments, one line each) so far.</summary>
    public IReadOnlyList<string> Invocations => File.Exists(Log) ? File.ReadAllLines(Log) : [];

    /// <summary>Logs each invocation's arguments, then runs the real git with them.</summary>
    public static FakeGit Logging() =>
        new(GitTestRepository.NewTempFolder("meshgov-fake-git"), $"printf '%s\\n' \"$*\" >> \"$LOG\"\nexec '{RealGit()}' \"$@\"");

    /// <summary>Runs <paramref name="script"/> (POSIX shell) instead of git; "$LOG" names a file beside it.</summary>
    public static FakeGit Running(string script) => new(GitTestRepository.NewTempFolder("meshgov-fake-git"), script);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string RealGit()
    {
        var start = new ProcessStartInfo("sh") { RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("command -v git");
        using var process = Process.Start(start)!;
        var path = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return path;
    }
}
