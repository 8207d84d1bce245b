namespace MeshGovernance.Git.Tests;

public class GitProcessTests
{
    [Fact]
    public void Megabytes_on_both_output_streams_do_not_deadlock()
    {
        using var fakeGit = FakeGit.Running("head -c 3000000 /dev/zero | tr '\\0' e >&2\nhead -c 3000000 /dev/zero | tr '\\0' o\nexit 0");
        var options = fakeGit.Options with { CommandTimeout = TimeSpan.FromMinutes(1) };

        var result = GitProcess.Run(options, Path.GetTempPath(), ["status"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(3_000_000, result.Output.Length);
        Assert.Equal(3_000_000, result.Error.Length);
    }

    [Fact]
    public void A_command_over_its_timeout_is_killed_with_its_children_and_reported()
    {
        using var fakeGit = FakeGit.Running("sleep 300 &\necho $! > \"$LOG\"\nwait");
        var options = fakeGit.Options with { CommandTimeout = TimeSpan.FromSeconds(1) };

        var exception = Assert.Throws<GitException>(() => GitProcess.Run(options, Path.GetTempPath(), ["fetch"]));

        Assert.Contains("did not finish within 1 seconds", exception.Message);
        var child = int.Parse(File.ReadAllText(fakeGit.Log).Trim());
        Assert.True(HasExited(child), $"the child process {child} of the timed-out git is still running");
    }

    [Fact]
    public void A_failing_command_names_the_command_and_git_error_but_not_credentials()
    {
        using var fakeGit = FakeGit.Running("echo 'fatal: repository not found' >&2\nexit 128");

        var exception = Assert.Throws<GitException>(() =>
            GitProcess.RunChecked(fakeGit.Options, Path.GetTempPath(), ["fetch", "https://user:s3cret@example.com/mesh.git"]));

        Assert.Contains("git fetch https://***@example.com/mesh.git", exception.Message);
        Assert.Contains("fatal: repository not found", exception.Message);
        Assert.DoesNotContain("s3cret", exception.Message);
        Assert.Equal(128, exception.ExitCode);
    }

    [Fact]
    public void Git_runs_without_prompts_optional_locks_or_a_hook_redirected_repository()
    {
        using var fakeGit = FakeGit.Running("echo \"$GIT_TERMINAL_PROMPT $GIT_OPTIONAL_LOCKS $LC_ALL [$GIT_DIR]\"");

        var result = GitProcess.Run(fakeGit.Options, Path.GetTempPath(), ["status"]);

        Assert.Equal("0 0 C []", result.OutputText);
    }

    private static bool HasExited(int processId)
    {
        // Killed children may linger briefly as zombies until reaped; poll /proc without asserting on time.
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var status = $"/proc/{processId}/stat";
            if (!File.Exists(status) || File.ReadAllText(status).Split(' ')[2] == "Z")
            {
                return true;
            }

            Thread.Sleep(100);
        }

        return false;
    }
}
