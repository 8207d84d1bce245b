using MeshGovernance.Model.Diagnostics;

namespace MeshGovernance.Model.Loading;

/// <summary>What a scan of a repository found: its real root, the mesh files, the policy scripts, and what could not be placed.</summary>
public sealed record RepositoryLayout(
    string Root,
    IReadOnlyList<MeshFile> Files,
    IReadOnlyList<PolicyScriptFile> PolicyScripts,
    IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>A policy script under <c>governance/policies/</c>.</summary>
/// <param name="FolderFullPath">The real path of the policies folder, the only place its <c>#load</c> directives may reach.</param>
public sealed record PolicyScriptFile(string RelativePath, string FullPath, string FolderFullPath);
