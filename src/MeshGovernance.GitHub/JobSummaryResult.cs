namespace MeshGovernance.GitHub;

/// <summary>What was appended to the job summary file.</summary>
/// <param name="Bytes">UTF-8 bytes appended (0 when nothing fit).</param>
public sealed record JobSummaryResult(bool Written, bool Truncated, long Bytes, string? Warning);
