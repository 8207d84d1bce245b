using MeshGovernance.Model.Diagnostics;

namespace MeshGovernance.Results;

/// <summary>
/// A policy's front matter, read without compiling it: what it is called, how strictly it applies, why it
/// exists, which subjects it judges and the parameters it takes.
/// </summary>
/// <param name="Scope">The kinds of subject the policy judges: each is a passed or failed test case in JUnit and the catalog.</param>
/// <param name="Parameters">Parameter defaults, typed (text, whole number, number, true/false, list of texts).</param>
public sealed record PolicyMetadata(
    string Id,
    string Title,
    Enforcement Enforcement,
    string Category,
    string Rationale,
    string? Help,
    IReadOnlyList<SubjectKind> Scope,
    IReadOnlyDictionary<string, object> Parameters)
{
    /// <summary>
    /// In a pull request, findings on subjects the change does not touch are existing debt and do not block;
    /// a policy about the change itself (ownership, breaking changes) sets this so its findings always can.
    /// </summary>
    public bool AlwaysBlocks { get; init; }

    /// <summary>
    /// The policy judges a change (a pull request, or <c>check --base</c>) and has nothing to say about a mesh on its
    /// own: outside a pull request it is "not evaluated" rather than "passed" everywhere.
    /// </summary>
    public bool PullRequestOnly { get; init; }
}

/// <summary>The kinds of subject a policy can judge.</summary>
public enum SubjectKind
{
    Mesh,
    Teams,
    Domains,
    Products,
    Contracts,
}
