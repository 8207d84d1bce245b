using MeshGovernance.Model.Loading;
using MeshGovernance.Policies.Engine;
using MeshGovernance.Policies.Execution;
using MeshGovernance.Testing;
using MeshGovernance.Results;

namespace MeshGovernance.Policies.Tests;

/// <summary>Runs policy scripts written in a test over a mesh repository, with short budgets and no cache.</summary>
internal static class PolicyHarness
{
    public static readonly DateOnly Today = new(2026, 11, 22);

    public static PolicyEngineOptions Options(TimeSpan? timeout = null) => new()
    {
        Budget = PolicyBudgetOptions.Default with { Timeout = timeout ?? TimeSpan.FromSeconds(5), Grace = TimeSpan.FromSeconds(1) },
        Today = Today,
    };

    /// <summary>A policy script with valid front matter around the given body.</summary>
    public static string Script(string id, string body, string enforcement = "soft-mandatory", string extraMetadata = "") => $"""
        // ---
        // id: {id}
        // title: Test policy {id}
        // enforcement: {enforcement}
        // category: test
        // rationale: Exercises the engine.
        {extraMetadata}// ---
        {body}
        """;

    /// <summary>Writes the scripts under governance/policies/ and checks the repository with them only (no built-in pack).</summary>
    public static CheckResult Check(TempMeshRepository repo, PolicyEngineOptions? options = null, params (string Id, string Text)[] policies)
    {
        foreach (var (id, text) in policies)
        {
            repo.Write($"governance/policies/{id}.csx", text);
        }

        var load = MeshLoader.Load(repo.Root);
        return PolicyEngine.Check(load, PolicySet.Load(load, includeBuiltIn: false), options ?? Options());
    }
}
