namespace MeshGovernance.Git;

/// <summary>
/// An expected failure while reading the repository through git: git is missing, the folder is not a repository,
/// a revision does not exist, git refused or timed out. The message says what happened and what to do.
/// </summary>
public class GitException : Exception
{
    public GitException(string message)
        : base(message)
    {
    }

    public GitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public GitException(string message, int exitCode, string standardError)
        : base(message)
    {
        ExitCode = exitCode;
        StandardError = standardError;
    }

    /// <summary>git's exit code, when the failure is a git command that exited with an error.</summary>
    public int? ExitCode { get; }

    /// <summary>What git wrote to its standard error, when the failure is a git command that exited with an error.</summary>
    public string? StandardError { get; }

    /// <summary>A tree entry whose object the repository does not have.</summary>
    public static GitException MissingObject(TreeEntry entry) =>
        new($"The object {entry.ObjectId} of '{entry.Path}' is missing from the repository (a partial or damaged clone). Fetch the full repository and try again.");
}
