namespace MeshGovernance.Cli;

/// <summary>The process exit codes, the same for every command.</summary>
public static class ExitCodes
{
    /// <summary>Nothing blocking was found.</summary>
    public const int Success = 0;

    /// <summary>Blocking findings (errors) were reported.</summary>
    public const int Findings = 1;

    /// <summary>A usage or configuration error: a bad argument, no such directory, no readable mesh.yaml.</summary>
    public const int UsageOrConfiguration = 2;

    /// <summary>A defect in meshgov itself; the message asks for a bug report.</summary>
    public const int InternalError = 3;

    /// <summary>Interrupted (Ctrl+C, SIGINT): 128 + 2, as shells report it.</summary>
    public const int Cancelled = 130;
}
