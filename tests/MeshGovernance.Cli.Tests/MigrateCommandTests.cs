using System.Text.Json;
using MeshGovernance.Model.Loading;
using MeshGovernance.Model.Migration;
using MeshGovernance.Model.Schemas;
using MeshGovernance.Model.Yaml;
using MeshGovernance.Contracts;
using MeshGovernance.Testing;

namespace MeshGovernance.Cli.Tests;

/// <summary><c>meshgov migrate</c>: what it rewrites, what it refuses, and that a faithful migration breaks no consumer.</summary>
public sealed class MigrateCommandTests
{
    private const string Orders = "domains/sales/contracts/orders.odcs.yaml";
    private const string Legacy = "domains/sales/contracts/legacy.datacontract.yaml";

    /// <summary>The example mesh's contract as ODCS v3.0.2 wrote it: a team list, a v3.0 library rule, an SLA column.</summary>
    private const string V302 = """
        # The sales team's orders.
        apiVersion: v3.0.2
        kind: DataContract
        id: sales.orders.v1
        name: Orders
        version: 1.0.0
        status: active
        domain: sales
        team:
          - username: alice # lead
            role: owner
        schema:
          - name: orders
            logicalType: object
            properties:
              - name: order_id
                logicalType: string
                required: true
                quality:
                  - rule: nullValues
                    mustBe: 0
              - name: ordered_at
                logicalType: date
        slaProperties:
          - property: latency
            value: 4
            unit: h
            column: orders.ordered_at
        """;

    private const string Dcs = """
        dataContractSpecification: 1.2.1
        id: sales.legacy.v1
        info:
          title: Legacy orders
          version: 1.0.0
        models:
          legacy:
            fields:
              id:
                type: string
        """;

    private static TempMeshRepository Mesh() => TempMeshRepository.Valid().Write(Orders, V302).Write(Legacy, Dcs);

    private static string Normalize(string text) => text.ReplaceLineEndings("\n");

    [Fact]
    public void Dry_run_prints_a_unified_diff_and_changes_nothing()
    {
        using var repo = Mesh();
        var before = Directory.GetFiles(repo.Root, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllBytes);

        var run = CliRun.Of("migrate", "--repo", repo.Root, "--dry-run", Path.Combine(repo.Root, Orders));

        Assert.True(run.ExitCode == 0, run.Error);
        var diff = Normalize(run.Output);
        Assert.StartsWith($"--- a/{Orders}\n+++ b/{Orders}\n@@ -1,", diff, StringComparison.Ordinal);
        Assert.Contains("\n-apiVersion: v3.0.2\n+apiVersion: v3.1.0\n", diff, StringComparison.Ordinal);
        Assert.Contains("\n-  - username: alice # lead\n", diff, StringComparison.Ordinal);
        Assert.Contains("\n+  members:\n+    - username: alice # lead\n", diff, StringComparison.Ordinal);
        Assert.Contains($"changed    {Orders}:2:13  apiVersion v3.0.2 → v3.1.0", run.Error, StringComparison.Ordinal);
        Assert.Contains("Nothing was written (--dry-run).", run.Error, StringComparison.Ordinal);
        var after = Directory.GetFiles(repo.Root, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllBytes);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        Assert.All(before, f => Assert.Equal(f.Value, after[f.Key]));
    }

    [Fact]
    public void A_contract_is_rewritten_in_place_and_validates_as_v3_1_0()
    {
        using var repo = Mesh();

        var run = CliRun.Of("migrate", "--repo", repo.Root, Path.Combine(repo.Root, Orders));

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Contains($"{Orders}: ODCS v3.0.2 → ODCS v3.1.0, written", run.Output, StringComparison.Ordinal);
        Assert.Contains("Wrote 1 file.", run.Output, StringComparison.Ordinal);
        var text = File.ReadAllText(repo.PathOf(Orders));
        Assert.StartsWith("# The sales team's orders.\napiVersion: v3.1.0\n", Normalize(text), StringComparison.Ordinal);
        var loaded = MeshFileReader.Read(new MeshFile(Orders, repo.PathOf(Orders), DocumentKind.Contract, "sales", "orders"), YamlLimits.Default);
        Assert.NotNull(loaded.Root);
        Assert.DoesNotContain(loaded.Diagnostics, d => d.Level == Model.Diagnostics.DiagnosticLevel.Error);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(repo.PathOf(Orders))!, "*.tmp"));
    }

    [Fact]
    public void Without_paths_every_contract_not_yet_v3_1_0_is_migrated_and_a_second_run_changes_nothing()
    {
        using var repo = Mesh().Write("domains/sales/contracts/current.odcs.yaml", TempMeshRepository.ValidContract.Replace("sales.orders.v1", "sales.current.v1", StringComparison.Ordinal));
        var current = File.ReadAllBytes(repo.PathOf("domains/sales/contracts/current.odcs.yaml"));

        var first = CliRun.Of("migrate", "--repo", repo.Root);

        Assert.Equal(ExitCodes.Findings, first.ExitCode);
        Assert.Contains($"{Legacy}: Data Contract Specification 1.2.1 → ODCS v3.1.0, written", first.Output, StringComparison.Ordinal);
        Assert.Contains($"{Orders}: ODCS v3.0.2 → ODCS v3.1.0, written", first.Output, StringComparison.Ordinal);
        Assert.Contains($"attention  {Legacy}:5:3  the contract states no info.status", first.Output, StringComparison.Ordinal);
        Assert.Contains($"git mv {Legacy} domains/sales/contracts/legacy.odcs.yaml", first.Output, StringComparison.Ordinal);
        Assert.Contains("2 files migrated to ODCS v3.1.0 (1 needs your attention: see 'attention' above), 1 already v3.1.0.", first.Output, StringComparison.Ordinal);
        Assert.Equal(current, File.ReadAllBytes(repo.PathOf("domains/sales/contracts/current.odcs.yaml")));
        Assert.Empty(MigrationSchemaErrors(File.ReadAllText(repo.PathOf(Legacy))));

        var snapshot = Directory.GetFiles(repo.Root, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllBytes);
        var second = CliRun.Of("migrate", "--repo", repo.Root);

        Assert.True(second.ExitCode == 0, second.Output + second.Error);
        Assert.Contains("Nothing to migrate: every contract of the repository is ODCS v3.1.0 (3).", second.Output, StringComparison.Ordinal);
        Assert.All(snapshot, f => Assert.Equal(f.Value, File.ReadAllBytes(f.Key)));
    }

    [Fact]
    public void Json_lists_each_file_with_its_outcome_and_located_notes()
    {
        using var repo = Mesh();

        var run = CliRun.Of("migrate", "--repo", repo.Root, "--format", "json", "--dry-run");

        Assert.Equal(ExitCodes.Findings, run.ExitCode);
        using var document = JsonDocument.Parse(run.Output);
        var root = document.RootElement;
        Assert.Equal(("v3.1.0", true, 2, 0), (root.GetProperty("target").GetString(), root.GetProperty("dryRun").GetBoolean(),
            root.GetProperty("summary").GetProperty("migrated").GetInt32(), root.GetProperty("summary").GetProperty("written").GetInt32()));
        var orders = root.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("path").GetString() == Orders);
        Assert.Equal(("migrated", "ODCS v3.0.2", false), (orders.GetProperty("outcome").GetString(), orders.GetProperty("from").GetString(), orders.GetProperty("written").GetBoolean()));
        Assert.StartsWith($"--- a/{Orders}", orders.GetProperty("diff").GetString(), StringComparison.Ordinal);
        var note = orders.GetProperty("notes").EnumerateArray().First(n => n.GetProperty("message").GetString()!.StartsWith("column → element", StringComparison.Ordinal));
        Assert.Equal(("changed", Orders, 29, 5), (note.GetProperty("kind").GetString(), note.GetProperty("file").GetString(), note.GetProperty("line").GetInt32(), note.GetProperty("column").GetInt32()));
    }

    [Theory]
    [InlineData("apiVersion: v3.0.2\nkind: DataContract\nteam:\n\t- username: a\n", ":4:1: ", "tab")]
    [InlineData("apiVersion: v9.0.0\nkind: DataContract\nid: c\n", ":1:13: ", "apiVersion 'v9.0.0' is not an ODCS version meshgov migrates")]
    [InlineData("apiVersion: v3.1.0\nkind: DataContract\nid: c\nversion: 1.0.0\nstatus: active\n", ":1:13: ", "apiVersion is already v3.1.0: there is nothing to migrate")]
    [InlineData("apiVersion: v2.2.2\nkind: DataContract\nid: c\n", ":1:13: ", "ODCS v2.2.2 is not migrated by meshgov")]
    public void A_named_file_that_cannot_be_migrated_gets_an_error_at_its_place(string content, string position, string message)
    {
        using var repo = TempMeshRepository.Valid().Write("domains/sales/contracts/bad.odcs.yaml", content);

        var run = CliRun.Of("migrate", "--repo", repo.Root, repo.PathOf("domains/sales/contracts/bad.odcs.yaml"));

        Assert.Equal(ExitCodes.UsageOrConfiguration, run.ExitCode);
        Assert.Contains($"error: domains/sales/contracts/bad.odcs.yaml{position}", run.Error, StringComparison.Ordinal);
        Assert.Contains(message, run.Error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", run.Error + run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.Error + run.Output, StringComparison.Ordinal);
        Assert.Equal(content, File.ReadAllText(repo.PathOf("domains/sales/contracts/bad.odcs.yaml")));
    }

    [Fact]
    public void A_path_or_folder_outside_the_repository_is_refused_before_anything_is_written()
    {
        using var repo = Mesh();
        using var outside = TempMeshRepository.Empty().Write("orders.odcs.yaml", V302);
        var link = repo.PathOf("domains/sales/contracts/linked.odcs.yaml");
        File.CreateSymbolicLink(link, outside.PathOf("orders.odcs.yaml"));

        foreach (var path in new[] { outside.PathOf("orders.odcs.yaml"), outside.Root, link, Path.Combine(repo.Root, "..") })
        {
            var run = CliRun.Of("migrate", "--repo", repo.Root, path, repo.PathOf(Orders));

            Assert.Equal(ExitCodes.UsageOrConfiguration, run.ExitCode);
            Assert.Contains("error: PATH: '", run.Error, StringComparison.Ordinal);
            Assert.Contains("is outside the repository", run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        }

        Assert.Equal(V302, File.ReadAllText(outside.PathOf("orders.odcs.yaml")));
        Assert.Equal(V302, File.ReadAllText(repo.PathOf(Orders)));
    }

    [Fact]
    public void A_missing_path_and_an_unknown_target_are_usage_errors()
    {
        using var repo = Mesh();

        var missing = CliRun.Of("migrate", "--repo", repo.Root, repo.PathOf("domains/sales/contracts/none.odcs.yaml"));
        var target = CliRun.Of("migrate", "--repo", repo.Root, "--to", "v3.0.2");

        Assert.Equal((ExitCodes.UsageOrConfiguration, ExitCodes.UsageOrConfiguration), (missing.ExitCode, target.ExitCode));
        Assert.Contains("error: PATH: '", missing.Error, StringComparison.Ordinal);
        Assert.Contains("does not exist", missing.Error, StringComparison.Ordinal);
        Assert.StartsWith("error: --to: ", target.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_says_what_is_rewritten_and_what_the_exit_codes_mean()
    {
        var run = CliRun.Of("migrate", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--dry-run", run.Output, StringComparison.Ordinal);
        Assert.Contains("Data Contract Specification", run.Output, StringComparison.Ordinal);
        Assert.Contains("1 when something needs your attention", run.Output, StringComparison.Ordinal);
    }

    /// <summary>
    /// The contract changelog of a migration, as <c>meshgov diff</c> shows it in a pull request: the v3.0.2 contract
    /// at the base, its migration in the working tree. Nothing a consumer relies on changes, so nothing is breaking.
    /// </summary>
    [Fact]
    public void Meshgov_diff_shows_no_breaking_change_for_a_faithful_migration()
    {
        using var repo = GitMeshRepository.Valid();
        repo.Write(Orders, V302);
        repo.Commit("A v3.0.2 contract");

        var migrate = CliRun.Of("migrate", "--repo", repo.Root);
        var diff = CliRun.Of("diff", "--no-cache", "--repo", repo.Root, "--base", "HEAD", "--fail-on", "breaking");

        Assert.True(migrate.ExitCode == 0, migrate.Output + migrate.Error);
        Assert.True(diff.ExitCode == 0, diff.Output + diff.Error);
        Assert.DoesNotContain("breaking ", diff.Output, StringComparison.Ordinal);
    }

    public static TheoryData<string> ValidV30Contracts()
    {
        var data = new TheoryData<string>();
        var realWorld = Path.Combine(RepositoryPaths.Corpus, "realworld");
        if (!File.Exists(Path.Combine(realWorld, "manifest.json")))
        {
            data.Add("(corpus absent)");
            return data;
        }

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(realWorld, "manifest.json")));
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(realWorld, "expected-official.json")));
        foreach (var entry in manifest.RootElement.EnumerateArray())
        {
            var file = entry.GetProperty("file").GetString()!;
            var verdict = expected.RootElement.GetProperty(Path.GetFileNameWithoutExtension(file));
            if (entry.GetProperty("group").GetString() == "odcs-v3" && entry.GetProperty("declaredVersion").GetString() is "v3.0.0" or "v3.0.1" or "v3.0.2"
                && verdict.GetProperty("valid").GetBoolean() && !verdict.TryGetProperty("yamlStrictError", out _))
            {
                data.Add(file);
            }
        }

        return data;
    }

    /// <summary>
    /// Every real v3.0.x contract, compared before and after its migration by meshgov's contract classifier: no
    /// breaking change, but for two the classifier cannot know are none (docs/migrating.md): an exclusive bound
    /// whose v3.0 flag became the bound (the classifier does not read v3.0's boolean flags as bounds), and a
    /// server field v3.1 has no place for, kept with its value in the server's customProperties.
    /// </summary>
    [CorpusTheory]
    [MemberData(nameof(ValidV30Contracts))]
    public void A_real_contract_s_migration_is_no_breaking_change(string file)
    {
        var original = File.ReadAllText(Path.Combine(RepositoryPaths.Corpus, "realworld", file));
        var result = ContractMigrator.Migrate(original, file);
        var before = YamlDocumentReader.Read(original, file).Root;
        var after = YamlDocumentReader.Read(result.Text!, file).Root;

        var changes = ContractChangeClassifier.Compare(before, after).Changes;

        var keptAsCustom = result.Notes.Where(n => n.Message.Contains("kept as a custom property", StringComparison.Ordinal))
            .Select(n => n.Message[1..n.Message.IndexOf('\'', 1)]).ToHashSet(StringComparer.Ordinal);
        var breaking = changes.Where(c => c.Severity == ChangeSeverity.Breaking)
            .Where(c => !(c.Rule == "server-location-changed" && keptAsCustom.Contains(c.Path[(c.Path.LastIndexOf('.') + 1)..])))
            .ToList();
        Assert.True(breaking.Count == 0, $"{file}: the migration is a breaking change for the classifier:{Environment.NewLine}"
            + string.Join(Environment.NewLine, breaking.Select(c => $"  {c.Rule} {c.Path}: {c.Message}")));
    }

    private static IReadOnlyList<Model.Diagnostics.Diagnostic> MigrationSchemaErrors(string text) =>
        SchemaValidator.Validate(YamlDocumentReader.Read(text, "f").Root!, DocumentKind.Contract);
}
