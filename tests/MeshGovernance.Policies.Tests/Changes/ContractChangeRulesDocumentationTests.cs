using System.Text;
using MeshGovernance.Contracts;
using MeshGovernance.Testing;

namespace MeshGovernance.Policies.Tests.Changes;

/// <summary>docs/contract-changes.md lists the classifier's rules as they are (refresh: MESHGOV_UPDATE_GOLDEN=1).</summary>
public sealed class ContractChangeRulesDocumentationTests
{
    private const string Start = "<!-- rules:start -->\n";
    private const string End = "<!-- rules:end -->";

    [Fact]
    public void The_rule_table_in_the_docs_is_the_one_the_classifier_uses()
    {
        var path = Path.Combine(RepositoryPaths.ProjectRoot, "docs", "contract-changes.md");
        var document = File.ReadAllText(path).ReplaceLineEndings("\n");
        var from = document.IndexOf(Start, StringComparison.Ordinal);
        var to = document.IndexOf(End, StringComparison.Ordinal);
        Assert.True(from >= 0 && to > from, "docs/contract-changes.md has lost its rules:start / rules:end markers");
        var table = Table();

        if (Environment.GetEnvironmentVariable("MESHGOV_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, document[..(from + Start.Length)] + table + document[to..]);
            return;
        }

        Assert.Equal(table, document[(from + Start.Length)..to]);
    }

    [Fact]
    public void Rule_ids_are_unique_and_severities_call_for_consistent_bumps()
    {
        var rules = ContractChangeRules.All;

        Assert.Equal(rules.Count, rules.Select(r => r.Id).Distinct().Count());
        Assert.All(rules.Where(r => r.Severity == ChangeSeverity.Breaking), r => Assert.Equal(VersionBump.Major, r.Requires));
        Assert.All(rules.Where(r => r.Severity != ChangeSeverity.Breaking), r => Assert.NotEqual(VersionBump.Major, r.Requires));
    }

    private static string Table()
    {
        var table = new StringBuilder();
        table.Append("| Rule | Severity | Calls for | When |\n|---|---|---|---|\n");
        foreach (var rule in ContractChangeRules.All)
        {
            table.Append($"| `{rule.Id}` | {rule.Severity.ToString().ToLowerInvariant()} | {rule.Requires.ToString().ToLowerInvariant()} | {rule.Trigger} |\n");
        }

        return table.ToString();
    }
}
