namespace MeshGovernance.Policies.Metadata;

/// <summary>The text of one policy script and where it comes from.</summary>
/// <param name="Path">What findings about the script name: repo-relative (<c>governance/policies/x.csx</c>) or <c>builtin/x.csx</c> for the built-in pack.</param>
/// <param name="LoadFolder">The real path of the folder <c>#load</c> may reach, or null when the script may load nothing (the built-in pack).</param>
public sealed record PolicySource(string Path, string Text, bool BuiltIn, string? LoadFolder = null, string? FullPath = null)
{
    /// <summary>The file name without <c>.csx</c>: the policy's id must equal it.</summary>
    public string FileStem
    {
        get
        {
            var name = Path[(Path.LastIndexOf('/') + 1)..];
            return name.EndsWith(".csx", StringComparison.Ordinal) ? name[..^4] : name;
        }
    }
}
