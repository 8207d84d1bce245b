using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Graph;
using MeshGovernance.Model.Schemas;

namespace MeshGovernance.Model.Loading;

/// <summary>
/// Checks what a schema cannot: that references resolve across files, that ids are unique, and that ids
/// agree with where their files sit.
/// </summary>
internal static class ReferenceValidator
{
    public static IEnumerable<Diagnostic> Validate(Mesh mesh, IReadOnlyList<LoadedFile> files)
    {
        var diagnostics = new List<Diagnostic>();
        CheckManifest(mesh, diagnostics);
        CheckTeams(mesh, diagnostics);
        CheckDomains(mesh, files, diagnostics);
        CheckAssets(mesh, diagnostics);
        CheckPorts(mesh, UnreadContracts(files), diagnostics);
        return diagnostics;
    }

    private static void CheckManifest(Mesh mesh, List<Diagnostic> diagnostics)
    {
        if (mesh.Manifest is { GovernanceTeamId: { } teamId } manifest && mesh.FindTeam(teamId) is null)
        {
            var governance = manifest.Source.GetMapping("governance")!;
            diagnostics.Add(DiagnosticCatalog.TeamUnknown.Create(
                governance.SpanOf("team"),
                $"The governance team '{teamId}' is not a team of the mesh{KnownTeams(mesh)}. Add teams/{teamId}.yaml, or name an existing team.",
                manifest.Name));
        }
    }

    private static void CheckTeams(Mesh mesh, List<Diagnostic> diagnostics)
    {
        foreach (var team in mesh.Teams)
        {
            if (team.Source.GetString("id") is { } id && id != team.FileStem)
            {
                diagnostics.Add(DiagnosticCatalog.IdFileNameMismatch.Create(
                    team.SpanOf("id"),
                    $"The team id '{id}' does not match its file name '{team.FileStem}'; rename the file to teams/{id}.yaml or set id: {team.FileStem}.",
                    team.Id));
            }

            var seen = new Dictionary<string, TeamMember>(StringComparer.OrdinalIgnoreCase);
            foreach (var member in team.Members.Where(m => m.Username.Length > 0))
            {
                if (!seen.TryAdd(member.Username, member))
                {
                    diagnostics.Add(DiagnosticCatalog.TeamMemberDuplicate.Create(
                        member.SpanOf("username"),
                        $"'{member.Username}' is listed twice in team '{team.Id}' (first at line {seen[member.Username].Span.Line}); keep one entry.",
                        team.Id));
                }
            }
        }

    }

    private static void CheckDomains(Mesh mesh, IReadOnlyList<LoadedFile> files, List<Diagnostic> diagnostics)
    {
        foreach (var domain in mesh.Domains)
        {
            if (domain.Source.GetString("id") is { } id && id != domain.Folder)
            {
                diagnostics.Add(DiagnosticCatalog.IdFileNameMismatch.Create(
                    domain.SpanOf("id"),
                    $"The domain id '{id}' does not match its folder 'domains/{domain.Folder}'; rename the folder or set id: {domain.Folder}.",
                    domain.Id));
            }

            if (domain.OwnerTeamId is { } owner && domain.Owner is null)
            {
                diagnostics.Add(DiagnosticCatalog.DomainOwnerUnknown.Create(
                    domain.SpanOf("owner"),
                    $"The owner '{owner}' of domain '{domain.Id}' is not a team of the mesh{KnownTeams(mesh)}. Add teams/{owner}.yaml, or name an existing team.",
                    domain.Id));
            }
        }

        // A domain folder whose domain.yaml is absent (rather than unreadable, which is reported already).
        var foldersWithDomainFile = files.Where(f => f.File.Kind == DocumentKind.Domain).Select(f => f.File.DomainFolder).ToHashSet(StringComparer.Ordinal);
        foreach (var asset in Assets(mesh).Where(a => !foldersWithDomainFile.Contains(a.DomainFolder)))
        {
            diagnostics.Add(DiagnosticCatalog.DomainMissing.Create(
                asset.SpanOf("id"),
                $"This file belongs to domain folder 'domains/{asset.DomainFolder}', which has no domain.yaml. Add domains/{asset.DomainFolder}/domain.yaml naming the domain's owner team.",
                asset.Id));
        }
    }

    private static void CheckAssets(Mesh mesh, List<Diagnostic> diagnostics)
    {
        foreach (var asset in Assets(mesh))
        {
            var kind = asset is DataProduct ? "product" : "contract";
            if (asset.DeclaredDomain is { } declared && DomainMismatch(mesh, asset, declared, kind) is { } mismatch)
            {
                diagnostics.Add(DiagnosticCatalog.DomainFolderMismatch.Create(asset.SpanOf("domain"), mismatch, asset.Id));
            }

            if (asset.TeamId is { } teamId && asset.Team is null)
            {
                mesh.ResolveTeam(teamId, out var candidates);
                var suggested = WrittenName.SuggestedId(teamId);
                diagnostics.Add(DiagnosticCatalog.TeamUnknown.Create(
                    asset.Source.GetMapping("team")!.SpanOf("name"),
                    candidates.Count > 1
                        ? $"The {kind}'s team.name '{teamId}' could be any of the teams {string.Join(", ", candidates.Select(t => $"'{t.Id}' ({t.Name})"))}; write the id of one."
                        : $"The {kind}'s team.name '{teamId}' is not a team of the mesh{KnownTeams(mesh)}. Write the id or the name of a team in teams/, or describe the team in teams/{suggested}.yaml (id: {suggested}, name: {teamId}).",
                    asset.Id));
            }
        }

        ReportDuplicates(mesh.Products.Where(p => p.Id.Length > 0), p => p.Id, DiagnosticCatalog.ProductIdDuplicate, "product", diagnostics);
        ReportDuplicates(mesh.Contracts.Where(c => c.Id.Length > 0), c => c.Id, DiagnosticCatalog.ContractIdDuplicate, "contract", diagnostics);
    }

    private static void CheckPorts(Mesh mesh, IReadOnlyDictionary<string, string> unreadContracts, List<Diagnostic> diagnostics)
    {
        // A contract in a file meshgov does not read (MG1016) is not in the graph; say so rather than "not in the mesh".
        string Missing(string contractId) => unreadContracts.TryGetValue(contractId, out var file)
            ? $"which is in {file}, a file meshgov does not read (MG1016 there); make that file readable and the port resolves."
            : $"which is not in the mesh.{Suggest(contractId, mesh.Contracts.Select(c => c.Id))}";

        foreach (var product in mesh.Products)
        {
            foreach (var port in product.OutputPorts.Where(p => p.ContractId is not null && p.Contract is null))
            {
                diagnostics.Add(DiagnosticCatalog.OutputContractUnknown.Create(
                    port.SpanOf("contractId"),
                    $"Output port '{port.Name}' of product '{product.Id}' names contract '{port.ContractId}', {Missing(port.ContractId!)}",
                    product.Id));
            }

            foreach (var port in product.InputPorts.Where(p => p.ContractId is not null && p.Contract is null))
            {
                diagnostics.Add(DiagnosticCatalog.InputContractUnknown.Create(
                    port.SpanOf("contractId"),
                    $"Input port '{port.Name}' of product '{product.Id}' consumes contract '{port.ContractId}', {Missing(port.ContractId!)}",
                    product.Id));
            }
        }
    }

    /// <summary>The ids of the contracts in files that are not read (MG1016), with their files.</summary>
    private static Dictionary<string, string> UnreadContracts(IReadOnlyList<LoadedFile> files)
    {
        var unread = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files.Where(f => f.Root is null && f.File.Kind == DocumentKind.Contract))
        {
            if (file.Diagnostics.FirstOrDefault(d => d.Id == DiagnosticCatalog.FormatNotRead.Id) is { Subject: { Length: > 0 } id } notRead)
            {
                unread.TryAdd(id, notRead.File);
            }
        }

        return unread;
    }

    private static void ReportDuplicates<T>(IEnumerable<T> nodes, Func<T, string> id, DiagnosticDescriptor descriptor, string kind, List<Diagnostic> diagnostics)
        where T : MeshNode
    {
        foreach (var group in nodes.GroupBy(id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var first = group.First();
            foreach (var duplicate in group.Skip(1))
            {
                diagnostics.Add(descriptor.Create(
                    duplicate.SpanOf("id"),
                    $"The {kind} id '{group.Key}' is already used by {first.File} (line {first.SpanOf("id").Line}); ids must be unique across the mesh.",
                    group.Key));
            }
        }
    }

    /// <summary>
    /// Why the <c>domain</c> a product or contract names is not the domain of its folder, or null when it is: the
    /// domain's id or name, written in any case and with any separators (<c>Flight</c> for <c>flight</c>).
    /// </summary>
    private static string? DomainMismatch(Mesh mesh, DomainAsset asset, string declared, string kind)
    {
        var named = mesh.ResolveDomain(declared, out var candidates);
        if (named?.Folder == asset.DomainFolder || WrittenName.Key(declared) == WrittenName.Key(asset.DomainFolder))
        {
            return null;
        }

        var here = $"'domains/{asset.DomainFolder}'";
        if (named is not null)
        {
            return $"This {kind} says domain '{declared}', which is the domain in 'domains/{named.Folder}', but it sits in {here}; move the file to domains/{named.Folder}/ or set domain: {asset.DomainFolder}.";
        }

        if (candidates.Count > 1)
        {
            return $"This {kind} says domain '{declared}', which could be any of {string.Join(", ", candidates.Select(d => $"'{d.Id}'"))}; it sits in {here}, so set domain: {asset.DomainFolder}.";
        }

        return asset.Domain is { } domain
            ? $"This {kind} says domain '{declared}' but sits in {here}, the domain '{domain.Id}' ({domain.Name}); set domain: {asset.DomainFolder}, or, if '{declared}' is what the domain is called, write it as the domain's name in domains/{asset.DomainFolder}/domain.yaml (name: {declared})."
            : $"This {kind} says domain '{declared}' but sits in {here}; set domain: {asset.DomainFolder}.";
    }

    private static IEnumerable<DomainAsset> Assets(Mesh mesh) => mesh.Products.Concat<DomainAsset>(mesh.Contracts);

    private static string KnownTeams(Mesh mesh) =>
        mesh.Teams.Count == 0 ? " (the mesh has no teams yet)" : $" (known teams: {string.Join(", ", mesh.Teams.Select(t => t.Id).Order(StringComparer.Ordinal).Take(20))})";

    private static string Suggest(string id, IEnumerable<string> candidates) =>
        Spelling.Closest(id, candidates.ToList()) is { } closest ? $" Did you mean '{closest}'?" : string.Empty;
}
