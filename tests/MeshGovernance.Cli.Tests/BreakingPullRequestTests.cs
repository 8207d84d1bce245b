using MeshGovernance.Testing;
using MeshGovernance.Testing.GitHubApi;

namespace MeshGovernance.Cli.Tests;

/// <summary>
/// Tests of one pull request on GitHub: the example mesh committed on main, a branch "breaking" that renames a
/// column of a contract other products read at a patch version, and a fake GitHub API on 127.0.0.1.
/// </summary>
public abstract class BreakingPullRequestTests : IAsyncLifetime, IDisposable
{
    protected const string Contract = "domains/payments/contracts/payment-transactions.odcs.yaml";

    protected BreakingPullRequestTests(PolicyCacheFixture cache)
    {
        Cache = cache;
        Repo = GitMeshRepository.FromFolder(RepositoryPaths.Template);
        BaseSha = Repo.Git("rev-parse", "HEAD").Trim();
        Repo.Branch("breaking");
        Repo.Replace(Contract, "version: 1.5.1", "version: 1.5.2");
        Repo.Replace(Contract, "description: One row per payment attempt.", "description: One row per payment attempt, failed ones included.");
        Repo.Replace(Contract, "      - name: method\n", "      - name: payment_method\n");
        HeadSha = Repo.Commit("Rename the payment method column");
    }

    protected PolicyCacheFixture Cache { get; }

    protected GitMeshRepository Repo { get; }

    protected string BaseSha { get; }

    protected string HeadSha { get; }

    protected FakeGitHub GitHub { get; private set; } = null!;

    public async Task InitializeAsync() => GitHub = await FakeGitHub.StartAsync();

    public async Task DisposeAsync() => await GitHub.DisposeAsync();

    public void Dispose()
    {
        Repo.Dispose();
        GC.SuppressFinalize(this);
    }
}
