using MeshGovernance.Model.Diagnostics;

namespace MeshGovernance.Model.Migration;

/// <summary>What a migration says about one place of a file.</summary>
public enum MigrationNoteKind
{
    /// <summary>Rewritten as the new version requires; nothing to do.</summary>
    Changed,

    /// <summary>Worth knowing (a field the new version deprecates, a value kept as a custom property); nothing to do.</summary>
    Info,

    /// <summary>Could not be carried over faithfully: left for the user, who must look at it.</summary>
    Attention,
}

/// <summary>
/// One change or finding of a migration, at a place of a file. For an ODCS v3.0.x file the place is in the
/// migrated text (what the file holds once written); for a Data Contract Specification file, which is
/// rewritten as a whole, it is in the original.
/// </summary>
public sealed record MigrationNote(MigrationNoteKind Kind, SourceSpan Span, string Message)
{
    public string File => Span.File;

    public int Line => Span.Line;

    public int Column => Span.Column;

    /// <summary><c>path:line:column</c>, as editors and terminals link it.</summary>
    public string Location => $"{Span.File}:{Span.Line}:{Span.Column}";
}
