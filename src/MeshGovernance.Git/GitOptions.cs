namespace MeshGovernance.Git;

/// <summary>How git is run: which executable, and how long a command may take before it is killed.</summary>
public sealed record GitOptions
{
    public static GitOptions Default { get; } = new();

    /// <summary>The git executable: a name looked up on PATH, or a full path.</summary>
    public string GitExecutable { get; init; } = "git";

    /// <summary>How long one local git command (or one blob read) may take before its process tree is killed.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a fetch from the remote may take; a network operation, so longer than a local command.</summary>
    public TimeSpan FetchTimeout { get; init; } = TimeSpan.FromMinutes(10);
}
