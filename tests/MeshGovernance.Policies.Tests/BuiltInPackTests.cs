using MeshGovernance.Policies.BuiltIn;
using MeshGovernance.Policies.Compilation;
using MeshGovernance.Policies.Metadata;
using MeshGovernance.Policies.Testing;

namespace MeshGovernance.Policies.Tests;

/// <summary>The built-in pack: every policy's own test cases pass, and every policy has them.</summary>
public sealed class BuiltInPackTests
{
    private static readonly PolicyCache Cache = new(Path.Combine(Path.GetTempPath(), "meshgov-test-cache-" + Environment.ProcessId));

    public static TheoryData<string> PolicyIds => new(BuiltInPolicies.Sources.Select(s => s.FileStem));

    [Theory]
    [MemberData(nameof(PolicyIds))]
    public void The_policy_passes_its_own_tests(string policyId)
    {
        var report = PolicyTestRunner.Run(BuiltInPolicies.Sources, PolicyTestFiles.BuiltIn, PolicyHarness.Options() with { Cache = Cache }, only: policyId);

        Assert.Empty(report.Errors);
        Assert.DoesNotContain(policyId, report.Untested);
        var failures = report.Cases.Where(c => !c.Passed).Select(c => $"{c.CaseName}:\n  {string.Join("\n  ", c.Problems)}");
        Assert.True(report.Passed, string.Join("\n", failures));
    }

    [Theory]
    [MemberData(nameof(PolicyIds))]
    public void The_policy_has_a_passing_and_a_failing_case_and_a_help_page(string policyId)
    {
        var report = PolicyTestRunner.Run(BuiltInPolicies.Sources, PolicyTestFiles.BuiltIn, PolicyHarness.Options() with { Cache = Cache }, only: policyId);
        var tests = BuiltInPolicies.Read(policyId + ".tests.yaml")!;

        Assert.True(report.Cases.Count >= 2, "at least two cases");
        Assert.Contains("expect: []", tests, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(BuiltInPolicies.HelpPage(policyId)), $"policies/{policyId}.md is the policy's help page");
    }

    [Fact]
    public void The_packs_metadata_is_read_once_per_process_and_its_lists_cannot_be_changed()
    {
        var source = BuiltInPolicies.Sources.First(s => PolicyMetadataReader.Read(s).Metadata!.Parameters.Values.Any(v => v is IReadOnlyList<string>));
        var copy = source with { BuiltIn = false };

        var first = PolicyMetadataReader.Read(source).Metadata!;
        var again = PolicyMetadataReader.Read(source).Metadata!;
        var fromCopy = PolicyMetadataReader.Read(copy).Metadata!;

        Assert.Same(first, again);
        Assert.NotSame(first, fromCopy);
        Assert.Equal(first.Id, fromCopy.Id);
        Assert.All(first.Parameters.Values.OfType<IReadOnlyList<string>>(), list => Assert.IsNotType<List<string>>(list, exactMatch: false));
    }

    [Fact]
    public void The_pack_holds_at_least_fifteen_policies_with_valid_metadata()
    {
        var metadata = BuiltInPolicies.Sources.Select(s => PolicyMetadataReader.Read(s)).ToList();

        Assert.All(metadata, m => Assert.Empty(m.Diagnostics));
        Assert.True(metadata.Count >= 15, $"{metadata.Count} policies");
        Assert.Equal(metadata.Count, metadata.Select(m => m.Metadata!.Id).Distinct().Count());
    }
}
