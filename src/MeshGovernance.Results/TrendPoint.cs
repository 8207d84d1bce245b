namespace MeshGovernance.Results;

/// <summary>How the mesh stood at one commit of main: its size and the findings of a check with that commit's own policies.</summary>
public sealed record TrendPoint(FileCommit Commit, int Products, int Contracts, int Errors, int Blocking, int Waived, int Warnings);
