using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Model.Schemas;

/// <summary>The kinds of YAML file in a mesh repository, each with its own JSON Schema.</summary>
public enum DocumentKind
{
    Mesh,
    Team,
    Domain,
    Product,
    Contract,
    Waivers,
    Baseline,
}

public static class DocumentKinds
{
    /// <summary>
    /// The ODCS versions with a schema of their own, by declared <c>apiVersion</c>; a contract declaring
    /// any other version is judged by the kind's schema (v3.1, for v3.1.0; other versions are refused
    /// before validation, see <c>UnreadFormats</c>). One file per v3.0.x release: their differences reach
    /// into the recursive property tree, which a draft-07 condition on the root apiVersion cannot reach.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> OdcsSchemasByVersion = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["v3.0.0"] = "odcs-v3.0.0.schema.json",
        ["v3.0.1"] = "odcs-v3.0.1.schema.json",
        ["v3.0.2"] = "odcs-v3.0.2.schema.json",
    };

    /// <summary>The file name of the kind's schema, as shipped in the tool and written by <c>meshgov schemas</c>.</summary>
    public static string SchemaFileName(this DocumentKind kind) => kind switch
    {
        DocumentKind.Mesh => "mesh.schema.json",
        DocumentKind.Team => "team.schema.json",
        DocumentKind.Domain => "domain.schema.json",
        DocumentKind.Product => "odps-v1.0.schema.json",
        DocumentKind.Contract => "odcs-v3.1.schema.json",
        DocumentKind.Waivers => "waivers.schema.json",
        DocumentKind.Baseline => "baseline.schema.json",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>
    /// The schema that judges this document: for a contract, the one of the ODCS version its
    /// <c>apiVersion</c> declares (exactly as written), else the kind's schema.
    /// </summary>
    public static string SchemaFileName(this DocumentKind kind, SourceMapping root) =>
        kind == DocumentKind.Contract && DeclaredOdcsVersion(root) is { } version ? OdcsSchemasByVersion[version] : kind.SchemaFileName();

    /// <summary>The ODCS version with a schema of its own that a contract declares, or null.</summary>
    public static string? DeclaredOdcsVersion(SourceMapping root) =>
        root["apiVersion"] is SourceScalar { Kind: ScalarKind.String } version && OdcsSchemasByVersion.ContainsKey(version.Value) ? version.Value : null;

    /// <summary>Every schema shipped in the tool: one per kind, and ODCS v3.0.0, v3.0.1 and v3.0.2.</summary>
    public static IReadOnlyList<string> AllSchemaFileNames { get; } =
        [.. Enum.GetValues<DocumentKind>().Select(k => k.SchemaFileName()), .. OdcsSchemasByVersion.Values];
}
