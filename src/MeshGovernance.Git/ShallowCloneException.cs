namespace MeshGovernance.Git;

/// <summary>
/// The repository is a shallow clone that lacks the history needed to compare base and head (the base commit,
/// or the history down to their merge base). Thrown instead of answering from a truncated history.
/// </summary>
public sealed class ShallowCloneException : GitException
{
    public ShallowCloneException(string message)
        : base(message)
    {
    }
}
