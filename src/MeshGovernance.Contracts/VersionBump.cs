namespace MeshGovernance.Contracts;

/// <summary>
/// How a semantic version moved between two revisions, ordered from none to major; a version that went down
/// or cannot be read is told apart and compares above all others, so check for those two first.
/// </summary>
public enum VersionBump
{
    None = 0,
    Patch = 1,
    Minor = 2,
    Major = 3,
    Downgrade = 10,
    Unparseable = 11,
}
