using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Graph;
using MeshGovernance.Contracts;

namespace MeshGovernance.Policies.Scripting;

/// <summary>
/// What a policy script sees: the mesh, its parameters, today's date, and the methods that report findings.
/// A finding is attached to a model node, so it carries that node's file, line and column.
/// </summary>
public class PolicyGlobals
{
    /// <summary>Findings one policy reports at most; the rest are counted (<see cref="FindingsNotKept"/>).</summary>
    public const int MaxFindings = 100_000;

    /// <summary>Characters of a finding's message kept; a longer one is cut, ending with "…".</summary>
    public const int MaxMessageChars = 2000;

    private readonly List<ScriptFinding> _findings = [];

    public PolicyGlobals(Mesh mesh, PolicyParameters parameters, DateOnly today, ChangeUnderReview? change = null)
    {
        Mesh = mesh;
        Params = parameters;
        Today = today;
        Change = change;
    }

    /// <summary>The whole mesh: teams, domains, products (with ports), contracts (with schema, quality, SLA, servers).</summary>
    public Mesh Mesh { get; }

    /// <summary>The policy's parameters: the defaults from its metadata, overridden in mesh.yaml.</summary>
    public PolicyParameters Params { get; }

    /// <summary>The date the check runs on (fixed in policy tests), for expiry and age rules.</summary>
    public DateOnly Today { get; }

    /// <summary>
    /// In a pull request, the change under review: the base mesh, the changed files and subjects, the author.
    /// Null when the check judges the whole mesh rather than a change (no <c>--base</c>).
    /// </summary>
    public ChangeUnderReview? Change { get; }

    /// <summary>Reports a violation on a node. Its level follows the policy's enforcement.</summary>
    public void Fail(MeshNode node, string message) => Add(FindingKind.Violation, node, null, message);

    /// <summary>Reports a violation at one key of a node (at the node itself when the key is absent).</summary>
    public void Fail(MeshNode node, string key, string message) => Add(FindingKind.Violation, node, key, message);

    /// <summary>
    /// Reports a violation about a node at a place inside its file, such as the line of a contract change
    /// (<see cref="Contracts.ContractChange.Head"/>); a span in another file falls back to the node.
    /// </summary>
    public void Fail(MeshNode node, SourceSpan at, string message) => Add(FindingKind.Violation, node, at, message);

    /// <summary>Reports a warning, which never fails a check whatever the enforcement.</summary>
    public void Warn(MeshNode node, string message) => Add(FindingKind.Warning, node, null, message);

    public void Warn(MeshNode node, string key, string message) => Add(FindingKind.Warning, node, key, message);

    /// <summary>Reports a notice: information for the author, never failing.</summary>
    public void Inform(MeshNode node, string message) => Add(FindingKind.Notice, node, null, message);

    public void Inform(MeshNode node, string key, string message) => Add(FindingKind.Notice, node, key, message);

    internal IReadOnlyList<ScriptFinding> Findings => _findings;

    /// <summary>Findings past <see cref="MaxFindings"/>: counted, not kept, so that no policy can fill the report.</summary>
    internal int FindingsNotKept { get; private set; }

    private void Add(FindingKind kind, MeshNode node, string? key, string message)
    {
        ArgumentNullException.ThrowIfNull(node);
        Add(kind, node, key is null ? node.Span : node.SpanOf(key), message);
    }

    private void Add(FindingKind kind, MeshNode node, SourceSpan span, string message)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (_findings.Count >= MaxFindings)
        {
            FindingsNotKept++;
            return;
        }

        _findings.Add(new ScriptFinding(kind, span.File == node.File && IsPlace(span) ? span : node.Span, node.SubjectId, Bounded(message ?? string.Empty)));
    }

    private static string Bounded(string message)
    {
        if (message.Length <= MaxMessageChars)
        {
            return message;
        }

        return Model.Text.Wording.Cut(message, MaxMessageChars);
    }

    /// <summary>
    /// A span a file can have: lines and columns from 1, the end not before the start, within what a file of
    /// the loader's largest size can hold. A policy may build any span; one outside those falls back to the node.
    /// </summary>
    private static bool IsPlace(SourceSpan span) =>
        span.Line >= 1 && span.Column >= 1 && span.Line <= MaxPosition && span.Column <= MaxPosition
        && (span.EndLine > span.Line || (span.EndLine == span.Line && span.EndColumn >= span.Column)) && span.EndLine <= MaxPosition && span.EndColumn <= MaxPosition;

    private static readonly int MaxPosition = (int)Math.Min(int.MaxValue - 1, Model.Yaml.YamlLimits.Default.MaxFileBytes + 1);
}

internal enum FindingKind
{
    Violation,
    Warning,
    Notice,
}

internal sealed record ScriptFinding(FindingKind Kind, SourceSpan Span, string? Subject, string Message);
