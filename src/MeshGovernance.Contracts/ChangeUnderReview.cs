using System.Collections.ObjectModel;
using MeshGovernance.Model.Graph;

namespace MeshGovernance.Contracts;

/// <summary>
/// The change a pull request makes, as policies see it through <c>Change</c>: the mesh at the base revision
/// (the head is <c>Mesh</c>), the files changed, the subjects they declare, and the pull request's author.
/// </summary>
public sealed class ChangeUnderReview
{
    private readonly HashSet<string> _basePaths;
    private readonly HashSet<string> _headPaths;
    private readonly HashSet<string> _subjects;
    private readonly Lazy<IReadOnlyList<ContractComparison>> _contractChanges;

    public ChangeUnderReview(Mesh baseMesh, Mesh headMesh, IReadOnlyList<ChangedFile> files, string? author)
    {
        Base = baseMesh;
        Head = headMesh;
        Files = files.ToList().AsReadOnly();
        Author = string.IsNullOrWhiteSpace(author) ? null : author.Trim();
        _basePaths = files.Select(f => f.BasePath).OfType<string>().ToHashSet(StringComparer.Ordinal);
        _headPaths = files.Select(f => f.HeadPath).OfType<string>().ToHashSet(StringComparer.Ordinal);
        _subjects = SubjectsIn(headMesh, _headPaths).Concat(SubjectsIn(baseMesh, _basePaths)).ToHashSet(StringComparer.Ordinal);
        Subjects = new ReadOnlySet<string>(_subjects);
        _contractChanges = new Lazy<IReadOnlyList<ContractComparison>>(CompareContracts, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The mesh at the base revision: what the pull request changes from.</summary>
    public Mesh Base { get; }

    /// <summary>The mesh at the head revision (the same as the policy's <c>Mesh</c>).</summary>
    public Mesh Head { get; }

    /// <summary>Every file the pull request adds, modifies, deletes or renames, mesh files or not.</summary>
    public IReadOnlyList<ChangedFile> Files { get; }

    /// <summary>The GitHub login of the pull request's author, when known.</summary>
    public string? Author { get; }

    /// <summary>The ids of the teams, domains, products and contracts declared in changed files, at base or head.</summary>
    public IReadOnlySet<string> Subjects { get; }

    /// <summary>
    /// Every contract declared in a changed file, at base or head, compared by id with its other version:
    /// added (no base), removed (no head) or changed, with each change classified.
    /// </summary>
    public IReadOnlyList<ContractComparison> ContractChanges => _contractChanges.Value;

    /// <summary>True when a changed file declares the subject (at base or head).</summary>
    public bool Touches(string? subjectId) => subjectId is not null && _subjects.Contains(subjectId);

    /// <summary>True when the node's file changed, or the subject it belongs to is declared in a changed file.</summary>
    public bool Touches(MeshNode node) => IsChanged(node.File) || Touches(node.SubjectId);

    /// <summary>True when the pull request adds, modifies, deletes or renames the file (a head or base path).</summary>
    public bool IsChanged(string path) => _headPaths.Contains(path) || _basePaths.Contains(path);

    /// <summary>The changed files under a folder, such as <c>domains/orders/</c>.</summary>
    public IEnumerable<ChangedFile> FilesUnder(string folder) =>
        Files.Where(f => (f.HeadPath ?? string.Empty).StartsWith(folder, StringComparison.Ordinal)
            || (f.BasePath ?? string.Empty).StartsWith(folder, StringComparison.Ordinal));

    private IReadOnlyList<ContractComparison> CompareContracts()
    {
        var ids = Head.Contracts.Where(c => _headPaths.Contains(c.File)).Select(c => c.Id)
            .Concat(Base.Contracts.Where(c => _basePaths.Contains(c.File)).Select(c => c.Id))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var comparisons = new List<ContractComparison>();
        foreach (var id in ids)
        {
            var before = Base.FindContract(id);
            var after = Head.FindContract(id);
            comparisons.Add(new ContractComparison(id, before, after, ContractChangeClassifier.Compare(before?.Source, after?.Source)));
        }

        return comparisons.AsReadOnly();
    }

    private static IEnumerable<string> SubjectsIn(Mesh mesh, HashSet<string> paths)
    {
        IEnumerable<MeshNode> nodes = [.. mesh.Teams, .. mesh.Domains, .. mesh.Products, .. mesh.Contracts];
        return nodes.Where(n => paths.Contains(n.File)).Select(n => n.SubjectId).OfType<string>();
    }
}
