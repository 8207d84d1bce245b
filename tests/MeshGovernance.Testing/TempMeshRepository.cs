using System.Text;

namespace MeshGovernance.Testing;

/// <summary>
/// A mesh repository in a temporary folder, starting as a small valid mesh (one team, one domain, one
/// product bound to one contract) that a test then breaks in one place. Deleted on dispose.
/// </summary>
public sealed class TempMeshRepository : IDisposable
{
    public const string ValidMesh = """
        apiVersion: meshgov/v1
        kind: Mesh
        name: test-mesh
        governance:
          team: governance
        """;

    public const string ValidGovernanceTeam = """
        apiVersion: meshgov/v1
        kind: Team
        id: governance
        name: Governance
        members:
          - username: gov-lead
        """;

    public const string ValidTeam = """
        apiVersion: meshgov/v1
        kind: Team
        id: sales-team
        name: Sales Team
        githubTeam: acme/sales
        members:
          - username: alice
            role: lead
          - username: bob
        """;

    public const string ValidDomain = """
        apiVersion: meshgov/v1
        kind: Domain
        id: sales
        name: Sales
        type: source-aligned
        owner: sales-team
        """;

    public const string ValidProduct = """
        apiVersion: v1.0.0
        kind: DataProduct
        id: sales.orders
        name: Orders
        status: active
        domain: sales
        team:
          name: sales-team
        outputPorts:
          - name: orders
            version: 1.0.0
            contractId: sales.orders.v1
        """;

    public const string ValidContract = """
        apiVersion: v3.1.0
        kind: DataContract
        id: sales.orders.v1
        name: Orders
        version: 1.0.0
        status: active
        domain: sales
        team:
          name: sales-team
        schema:
          - name: orders
            logicalType: object
            properties:
              - name: order_id
                logicalType: string
                required: true
              - name: ordered_at
                logicalType: date
        """;

    private TempMeshRepository(string root) => Root = root;

    public string Root { get; }

    /// <summary>An empty folder.</summary>
    public static TempMeshRepository Empty()
    {
        var root = Path.Combine(Path.GetTempPath(), "meshgov-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        return new TempMeshRepository(root);
    }

    /// <summary>A copy of a folder (the template, a fixture), without its .meshgov/ working files; under <paramref name="subFolder"/> when given.</summary>
    public static TempMeshRepository CopyOf(string folder, string? subFolder = null)
    {
        var repo = Empty();
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(folder, file).Replace('\\', '/');
            if (!relative.StartsWith(".meshgov/", StringComparison.Ordinal))
            {
                repo.WriteBytes(subFolder is null ? relative : $"{subFolder}/{relative}", File.ReadAllBytes(file));
            }
        }

        return repo;
    }

    /// <summary>A small mesh that validates without findings.</summary>
    public static TempMeshRepository Valid() => Empty().WithValidMesh(string.Empty);

    /// <summary>Writes the files of <see cref="Valid"/> under <paramref name="folder"/> (empty: the root; or a policy test fixture's folder).</summary>
    public TempMeshRepository WithValidMesh(string folder)
    {
        var prefix = folder.Length == 0 ? string.Empty : folder.TrimEnd('/') + "/";
        Write(prefix + "mesh.yaml", ValidMesh);
        Write(prefix + "teams/governance.yaml", ValidGovernanceTeam);
        Write(prefix + "teams/sales-team.yaml", ValidTeam);
        Write(prefix + "domains/sales/domain.yaml", ValidDomain);
        Write(prefix + "domains/sales/products/orders.odps.yaml", ValidProduct);
        Write(prefix + "domains/sales/contracts/orders.odcs.yaml", ValidContract);
        return this;
    }

    public string PathOf(string relativePath) => Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    public TempMeshRepository Write(string relativePath, string content) => WriteBytes(relativePath, new UTF8Encoding(false).GetBytes(content));

    public TempMeshRepository WriteBytes(string relativePath, byte[] content)
    {
        var path = PathOf(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return this;
    }

    public TempMeshRepository Delete(string relativePath)
    {
        File.Delete(PathOf(relativePath));
        return this;
    }

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
}
