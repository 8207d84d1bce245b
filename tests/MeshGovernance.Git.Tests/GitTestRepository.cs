using System.Diagnostics;
using System.Text;

namespace MeshGovernance.Git.Tests;

/// <summary>
/// A real git repository in a temporary folder, driven by the git command line with a fixed identity and no
/// global or system configuration. Deleted on dispose.
/// </summary>
public sealed class GitTestRepository : IDisposable
{
    private GitTestRepository(string root) => Root = root;

    public string Root { get; }

    /// <summary>A new repository on branch main, without commits.</summary>
    public static GitTestRepository Create()
    {
        var repository = new GitTestRepository(NewTempFolder("meshgov-git-test"));
        repository.Git("init", "-q", "-b", "main");
        return repository;
    }

    /// <summary>A clone of <paramref name="origin"/> through a file:// URL (so that --depth is honoured), with extra clone options.</summary>
    public static GitTestRepository CloneOf(GitTestRepository origin, params string[] options)
    {
        var root = NewTempFolder("meshgov-git-clone");
        Directory.Delete(root);
        RunGit(Path.GetTempPath(), ["clone", "-q", .. options, new Uri(origin.Root).AbsoluteUri, root]);
        return new GitTestRepository(root);
    }

    public static string NewTempFolder(string prefix)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return folder;
    }

    public string PathOf(string relativePath) => Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    public GitTestRepository Write(string relativePath, string content) => WriteBytes(relativePath, new UTF8Encoding(false).GetBytes(content));

    public GitTestRepository WriteBytes(string relativePath, byte[] content)
    {
        var path = PathOf(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return this;
    }

    public GitTestRepository Symlink(string relativePath, string target)
    {
        var path = PathOf(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.CreateSymbolicLink(path, target);
        return this;
    }

    public GitTestRepository Delete(string relativePath)
    {
        File.Delete(PathOf(relativePath));
        return this;
    }

    /// <summary>Stages everything and commits; returns the new commit id.</summary>
    public string Commit(string message)
    {
        Git("add", "-A");
        Git("commit", "-q", "--allow-empty", "-m", message);
        return Git("rev-parse", "HEAD");
    }

    /// <summary>Commits what is staged, as it is (no "add -A", which would drop hand-made index entries); returns the new commit id.</summary>
    public string CommitStaged(string message)
    {
        Git("commit", "-q", "-m", message);
        return Git("rev-parse", "HEAD");
    }

    /// <summary>Runs git in the repository and returns its trimmed standard output; fails the test when git fails.</summary>
    public string Git(params string[] arguments) => RunGit(Root, arguments);

    /// <summary>Runs git with <paramref name="input"/> on its standard input.</summary>
    public string GitWithInput(string input, params string[] arguments) => RunGit(Root, arguments, input);

    public GitRepository Open(GitOptions? options = null) => GitRepository.Open(Root, options);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless; never fail a test on cleanup.
        }
    }

    private static string RunGit(string workingDirectory, IReadOnlyList<string> arguments, string? input = null)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        string[] identity =
        [
            "-c", "user.name=Mesh Test", "-c", "user.email=mesh-test@example.invalid", "-c", "commit.gpgsign=false",
            "-c", "core.autocrlf=false", "-c", "core.symlinks=true", "-c", "protocol.file.allow=always",
        ];
        foreach (var argument in identity.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["GIT_CONFIG_GLOBAL"] = OperatingSystem.IsWindows() ? "NUL" : "/dev/null";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        using var process = Process.Start(start)!;
        if (input is not null)
        {
            process.StandardInput.Write(input);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} did not finish within a minute.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed ({process.ExitCode}): {error.Result}");
        }

        return output.Result.Trim();
    }
}
