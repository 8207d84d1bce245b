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
}

public static class DocumentKinds
{
    /// <summary>The file name of the kind's schema, as shipped in the tool and written by <c>meshgov schemas</c>.</summary>
    public static string SchemaFileName(this DocumentKind kind) => kind switch
    {
        DocumentKind.Mesh => "mesh.schema.json",
        DocumentKind.Team => "team.schema.json",
        DocumentKind.Domain => "domain.schema.json",
        DocumentKind.Product => "odps-v1.0.schema.json",
        DocumentKind.Contract => "odcs-v3.1.schema.json",
        DocumentKind.Waivers => "waivers.schema.json",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
