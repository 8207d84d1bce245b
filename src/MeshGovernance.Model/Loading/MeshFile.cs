using MeshGovernance.Model.Schemas;

namespace MeshGovernance.Model.Loading;

/// <summary>A file the layout says is a mesh file, with what it is and where it belongs.</summary>
/// <param name="RelativePath">Repo-relative, '/'-separated.</param>
/// <param name="DomainFolder">For domains, products and contracts: the folder under <c>domains/</c>.</param>
/// <param name="Stem">The file name without its extensions (<c>orders</c> for <c>orders.odps.yaml</c>).</param>
public sealed record MeshFile(string RelativePath, string FullPath, DocumentKind Kind, string? DomainFolder, string Stem);
