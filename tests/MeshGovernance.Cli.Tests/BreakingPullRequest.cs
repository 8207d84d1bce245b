using MeshGovernance.Testing;

namespace MeshGovernance.Cli.Tests;

/// <summary>
/// The example mesh committed on main, and a branch "breaking" that renames a column of a contract other
/// products read, at a patch version: the pull request the GitHub and output tests check.
/// </summary>
internal sealed class BreakingPullRequest : IDisposable
{
    public const string Contract = "domains/payments/contracts/payment-transactions.odcs.yaml";

    public BreakingPullRequest()
    {
        Repo = GitMeshRepository.FromFolder(RepositoryPaths.Template);
        BaseSha = Repo.Git("rev-parse", "HEAD").Trim();
        Repo.Branch("breaking");
        Repo.Replace(Contract, "version: 1.5.1", "version: 1.5.2");
        Repo.Replace(Contract, "description: One row per payment attempt.", "description: One row per payment attempt, failed ones included.");
        Repo.Replace(Contract, "      - name: method\n", "      - name: payment_method\n");
        HeadSha = Repo.Commit("Rename the payment method column");
    }

    public GitMeshRepository Repo { get; }

    public string BaseSha { get; }

    public string HeadSha { get; }

    public void Dispose() => Repo.Dispose();
}
