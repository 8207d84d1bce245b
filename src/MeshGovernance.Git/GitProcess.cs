using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace MeshGovernance.Git;

/// <summary>
/// Runs git without a shell: arguments through <see cref="ProcessStartInfo.ArgumentList"/>, no terminal prompts,
/// no optional locks, C locale, unquoted paths; standard output and error drained concurrently; a timeout that
/// kills the process tree.
/// </summary>
internal static partial class GitProcess
{
    // Set by git hooks and by callers' shells; any of them would redirect git away from the folder we run it in.
    private static readonly string[] RepositoryRedirectingVariables =
        ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR", "GIT_PREFIX"];

    private static readonly string[] FixedConfiguration = ["-c", "core.quotepath=off", "-c", "color.ui=false"];

    public static GitProcessResult Run(GitOptions options, string workingDirectory, IReadOnlyList<string> arguments, TimeSpan? timeout = null)
    {
        var limit = timeout ?? options.CommandTimeout;
        var command = Describe(arguments);
        using var process = Start(options, workingDirectory, arguments);
        process.StandardInput.Close();

        var output = new MemoryStream();
        var outputCopy = process.StandardOutput.BaseStream.CopyToAsync(output);
        var errorRead = process.StandardError.ReadToEndAsync();
        var clock = Stopwatch.StartNew();

        if (!process.WaitForExit(limit) || !WaitForStreams(outputCopy, errorRead, limit - clock.Elapsed))
        {
            KillTree(process);
            throw new GitException($"'{command}' did not finish within {limit.TotalSeconds:0} seconds and was stopped. "
                + "Check that the repository is on a local disk and not locked by another git process, or raise the timeout.");
        }

        process.WaitForExit();
        return new GitProcessResult(command, process.ExitCode, output.ToArray(), errorRead.Result);
    }

    /// <summary>Runs git and throws a <see cref="GitException"/> with git's error when it exits non-zero.</summary>
    public static GitProcessResult RunChecked(GitOptions options, string workingDirectory, IReadOnlyList<string> arguments, TimeSpan? timeout = null)
    {
        var result = Run(options, workingDirectory, arguments, timeout);
        if (result.ExitCode != 0)
        {
            throw Failure(result);
        }

        return result;
    }

    public static GitException Failure(GitProcessResult result, string? advice = null) =>
        new($"'{result.Command}' failed with exit code {result.ExitCode}: {Bounded(result.Error.Trim())}{(advice is null ? "" : " " + advice)}",
            result.ExitCode, result.Error);

    /// <summary>Starts a long-running git process with standard input, output and error redirected.</summary>
    public static Process Start(GitOptions options, string workingDirectory, IReadOnlyList<string> arguments)
    {
        var startInfo = new ProcessStartInfo(options.GitExecutable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            StandardErrorEncoding = new UTF8Encoding(false),
        };
        foreach (var argument in FixedConfiguration.Concat(arguments))
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var variable in RepositoryRedirectingVariables)
        {
            startInfo.Environment.Remove(variable);
        }

        startInfo.Environment["GIT_TERMINAL_PROMPT"] = "0";
        startInfo.Environment["GIT_OPTIONAL_LOCKS"] = "0";
        startInfo.Environment["GIT_PAGER"] = "cat";
        startInfo.Environment["LC_ALL"] = "C";

        try
        {
            return Process.Start(startInfo) ?? throw new GitException($"Could not start '{options.GitExecutable}'.");
        }
        catch (Win32Exception exception)
        {
            throw new GitException(
                $"Could not run git ('{options.GitExecutable}'): {exception.Message}. Install git 2.30 or later and make sure it is on PATH.",
                exception);
        }
    }

    public static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        catch (Win32Exception)
        {
            // Exited while being killed.
        }
    }

    /// <summary>The command as it may appear in messages: quoted where needed, credentials in URLs masked.</summary>
    public static string Describe(IReadOnlyList<string> arguments)
    {
        var parts = arguments.Select(a => UrlCredentials().Replace(a, "://***@"))
            .Select(a => a.Length == 0 || a.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'') ? "\"" + a.Replace("\"", "\\\"") + "\"" : a);
        return "git " + string.Join(' ', parts);
    }

    private static bool WaitForStreams(Task output, Task error, TimeSpan remaining)
    {
        try
        {
            return Task.WaitAll([output, error], remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
        }
        catch (AggregateException exception)
        {
            throw new GitException("Reading git's output failed: " + exception.InnerException?.Message, exception);
        }
    }

    private static string Bounded(string text) => text.Length <= 2000 ? text : text[..2000] + " …";

    [GeneratedRegex(@"://[^/@\s]+@")]
    private static partial Regex UrlCredentials();
}
