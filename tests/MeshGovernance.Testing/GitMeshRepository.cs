using System.Diagnostics;

namespace MeshGovernance.Testing;

/// <summary>
/// A real git repository in a temporary folder holding a mesh: tests commit a base, branch, commit a pull
/// request's change on top, and run meshgov against the two revisions. Deleted on dispose.
/// </summary>
public sealed class GitMeshRepository : IDisposable
{
    private readonly TempMeshRepository _files;

    private GitMeshRepository(TempMeshRepository files)
    {
        _files = files;
        Git("init", "--quiet", "--initial-branch=main");
    }

    public string Root => _files.Root;

    /// <summary>A copy of a folder (the template, a fixture) committed on main as the base; under <paramref name="subFolder"/> of the repository when given.</summary>
    public static GitMeshRepository FromFolder(string folder, string? subFolder = null)
    {
        var repository = new GitMeshRepository(TempMeshRepository.CopyOf(folder, subFolder));
        repository.Commit("Base mesh");
        return repository;
    }

    /// <summary>The small valid mesh of <see cref="TempMeshRepository.Valid"/>, committed on main.</summary>
    public static GitMeshRepository Valid()
    {
        var repository = new GitMeshRepository(TempMeshRepository.Valid());
        repository.Commit("Base mesh");
        return repository;
    }

    public GitMeshRepository Write(string relativePath, string content)
    {
        _files.Write(relativePath, content);
        return this;
    }

    public string Read(string relativePath) => File.ReadAllText(_files.PathOf(relativePath));

    /// <summary>Replaces text in a file, failing when the text is not there (a test that edits nothing tests nothing).</summary>
    public GitMeshRepository Replace(string relativePath, string oldText, string newText)
    {
        var content = Read(relativePath);
        Xunit.Assert.Contains(oldText, content);
        return Write(relativePath, content.Replace(oldText, newText, StringComparison.Ordinal));
    }

    public GitMeshRepository Delete(string relativePath)
    {
        _files.Delete(relativePath);
        return this;
    }

    /// <summary>Stages everything and commits; returns the new commit's id.</summary>
    public string Commit(string message)
    {
        Git("add", "--all");
        Git("commit", "--quiet", "--allow-empty", "-m", message);
        return Git("rev-parse", "HEAD").Trim();
    }

    /// <summary>Creates a branch at the current commit and switches to it.</summary>
    public GitMeshRepository Branch(string name)
    {
        Git("switch", "--quiet", "-c", name);
        return this;
    }

    /// <summary>Runs git in the repository with a fixed identity and no user or system configuration; returns its output.</summary>
    public string Git(params string[] arguments) => Run(Root, arguments);

    public static string Run(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var setting in new[] { "user.name=Test Author", "user.email=author@example.com", "commit.gpgsign=false", "protocol.file.allow=always" })
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(setting);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed ({process.ExitCode}): {error.Result}");
        }

        return output;
    }

    public void Dispose() => _files.Dispose();
}
