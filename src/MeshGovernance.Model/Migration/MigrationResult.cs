using MeshGovernance.Model.Diagnostics;

namespace MeshGovernance.Model.Migration;

/// <summary>What migrating one file gives.</summary>
public enum MigrationOutcome
{
    /// <summary>Rewritten; <see cref="MigrationResult.Text"/> is the new content.</summary>
    Migrated,

    /// <summary>Already ODCS v3.1.0: nothing to do.</summary>
    AlreadyCurrent,

    /// <summary>Not something meshgov migrates (not YAML, not a contract, an unknown or unsupported version); see <see cref="MigrationResult.Error"/>.</summary>
    Refused,
}

/// <summary>The result of migrating one file: the new text, what changed and what needs the user.</summary>
/// <param name="File">The file's repo-relative path.</param>
/// <param name="From">What the file was, such as "ODCS v3.0.2" or "Data Contract Specification 1.2.1".</param>
/// <param name="Text">The migrated content, when <see cref="Outcome"/> is <see cref="MigrationOutcome.Migrated"/>.</param>
/// <param name="Error">Why the file was refused, at the place that shows it.</param>
public sealed record MigrationResult(
    string File,
    MigrationOutcome Outcome,
    string? From,
    string? Text,
    IReadOnlyList<MigrationNote> Notes,
    Diagnostic? Error = null)
{
    public bool NeedsAttention => Notes.Any(n => n.Kind == MigrationNoteKind.Attention);

    public static MigrationResult Refuse(string file, Diagnostic error, string? from = null) => new(file, MigrationOutcome.Refused, from, null, [], error);
}
