namespace MeshGovernance.GitHub;

/// <summary>What was posted as the check run.</summary>
/// <param name="Created">True when this run created the check run; false when it updated the one already on the commit.</param>
/// <param name="AnnotationsSent">Annotations added by this run.</param>
/// <param name="AnnotationsAlreadyPresent">Annotations the check run already had (an earlier run on the same commit), not sent again.</param>
/// <param name="AnnotationsDropped">Findings not annotated because of <see cref="CheckRunOptions.MaxAnnotations"/> (they are in the summary).</param>
/// <param name="AnnotationsNotSent">Annotations that could not be sent because GitHub kept failing (the conclusion and summary were posted).</param>
/// <param name="StaleAnnotations">Annotations from an earlier run on the same commit that no longer apply: GitHub cannot remove them.</param>
public sealed record CheckRunResult(
    long Id,
    string? HtmlUrl,
    bool Created,
    CheckConclusion Conclusion,
    int AnnotationsSent,
    int AnnotationsAlreadyPresent,
    int AnnotationsDropped,
    int AnnotationsNotSent,
    int StaleAnnotations,
    bool SummaryTruncated,
    IReadOnlyList<string> Warnings);
