namespace MeshGovernance.Git.Tests;

/// <summary>A fact that needs to change a folder's owner; skipped, saying why, when the tests do not run as root.</summary>
public sealed class RootOnlyFactAttribute : FactAttribute
{
    public RootOnlyFactAttribute()
    {
        if (OperatingSystem.IsWindows() || Environment.UserName != "root")
        {
            Skip = "Needs to give a folder to another user (chown), which only root can do.";
        }
    }
}
