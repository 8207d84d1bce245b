namespace MeshGovernance.Results;

/// <summary>One commit that changed a file: what the site shows as "last change".</summary>
public sealed record FileCommit(string Commit, DateTimeOffset Date, string Author, string Subject);

/// <summary>A contract's change between two commits, as <c>meshgov diff</c> would list it for that commit.</summary>
public sealed record ContractChangelogEntry(FileCommit Commit, string? Version, IReadOnlyList<Contracts.ContractChange> Changes);

/// <summary>
/// What the git history says, when the site is built from a repository with history: the last commit of each
/// file, and each contract's changelog. Empty when there is no history (the pages then say so).
/// </summary>
public sealed class MeshHistory
{
    public static MeshHistory None { get; } = new(new Dictionary<string, FileCommit>(), new Dictionary<string, IReadOnlyList<ContractChangelogEntry>>());

    public MeshHistory(IReadOnlyDictionary<string, FileCommit> lastChanges, IReadOnlyDictionary<string, IReadOnlyList<ContractChangelogEntry>> contractChangelogs)
    {
        LastChanges = lastChanges;
        ContractChangelogs = contractChangelogs;
    }

    /// <summary>The last commit of each repository-relative file path.</summary>
    public IReadOnlyDictionary<string, FileCommit> LastChanges { get; }

    /// <summary>Each contract's changes by commit, newest first, by contract id.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ContractChangelogEntry>> ContractChangelogs { get; }

    public bool IsAvailable => LastChanges.Count > 0;

    public FileCommit? LastChangeOf(string file) => LastChanges.GetValueOrDefault(file);

    public IReadOnlyList<ContractChangelogEntry> ChangelogOf(string contractId) => ContractChangelogs.GetValueOrDefault(contractId) ?? [];
}
