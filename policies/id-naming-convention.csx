// ---
// id: id-naming-convention
// title: Ids of teams, domains, products and contracts follow the mesh's naming convention
// enforcement: soft-mandatory
// category: naming
// rationale: >-
//   Ids are how products, contracts, pipelines, access roles and catalogs refer to each other, and they are
//   expensive to change once consumers depend on them. One predictable scheme (lowercase, the domain first,
//   the contract's major version last) lets anyone read where an id belongs and avoids near-duplicates that
//   differ only in case or separators.
// scope: [teams, domains, products, contracts]
// params:
//   assetPattern: '^[a-z][a-z0-9-]*(\.[a-z0-9-]+)*$'
//   teamPattern: '^[a-z][a-z0-9]*(-[a-z0-9]+)*$'
//   domainPattern: '^[a-z][a-z0-9]*(-[a-z0-9]+)*$'
//   requireDomainPrefix: true
//   contractMajorSuffix: true
// ---
Regex Pattern(string name)
{
    var text = Params.String(name);
    try
    {
        return new Regex(text, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
    catch (ArgumentException ex)
    {
        throw new ArgumentException($"The parameter '{name}' of id-naming-convention is not a valid regular expression ('{text}'): {ex.Message}");
    }
}

var assetPattern = Pattern("assetPattern");
var teamPattern = Pattern("teamPattern");
var domainPattern = Pattern("domainPattern");
var requireDomainPrefix = Params.Boolean("requireDomainPrefix");
var contractMajorSuffix = Params.Boolean("contractMajorSuffix");
var majorSuffix = new Regex(@"\.v([0-9]+)$", RegexOptions.CultureInvariant);
var semverMajor = new Regex(@"^v?([0-9]+)\.[0-9]+\.[0-9]+", RegexOptions.CultureInvariant);

foreach (var team in Mesh.Teams)
{
    if (!teamPattern.IsMatch(team.Id))
    {
        Fail(team, "id", $"Team id '{team.Id}' does not match the naming convention {teamPattern}; use lowercase letters and digits joined by dashes, such as 'sales-team' (rename teams/{team.FileStem}.yaml with it).");
    }
}

foreach (var domain in Mesh.Domains)
{
    if (!domainPattern.IsMatch(domain.Id))
    {
        Fail(domain, "id", $"Domain id '{domain.Id}' does not match the naming convention {domainPattern}; use lowercase letters and digits joined by dashes, such as 'sales-analytics' (rename the folder domains/{domain.Folder}/ with it).");
    }
}

foreach (var asset in Mesh.Products.Cast<DomainAsset>().Concat(Mesh.Contracts))
{
    var kind = asset is DataProduct ? "Data product" : "Data contract";
    if (asset.Id.Length == 0)
    {
        continue; // the schema reports a missing id
    }

    if (!assetPattern.IsMatch(asset.Id))
    {
        Fail(asset, "id", $"{kind} id '{asset.Id}' does not match the naming convention {assetPattern}; use lowercase words joined by dashes, in dot-separated parts such as '{asset.DomainFolder}.{Suggest(asset)}'.");
        continue;
    }

    if (requireDomainPrefix && !asset.Id.StartsWith(asset.DomainFolder + ".", StringComparison.Ordinal))
    {
        Fail(asset, "id", $"{kind} id '{asset.Id}' does not start with its domain '{asset.DomainFolder}.'; ids are '<domain>.<name>' for products and '<domain>.<name>.v<major>' for contracts, such as '{asset.DomainFolder}.{Suggest(asset)}'.");
        continue;
    }

    if (contractMajorSuffix && asset is DataContract contract)
    {
        var suffix = majorSuffix.Match(contract.Id);
        var version = semverMajor.Match(contract.Version ?? string.Empty);
        if (!suffix.Success)
        {
            var major = version.Success ? version.Groups[1].Value : "<major>";
            Fail(contract, "id", $"Data contract id '{contract.Id}' does not end with its major version; name it '{contract.Id}.v{major}', so that a breaking change (a new major version) gets a new id beside the old one.");
        }
        else if (version.Success && long.Parse(suffix.Groups[1].Value, CultureInfo.InvariantCulture) != long.Parse(version.Groups[1].Value, CultureInfo.InvariantCulture))
        {
            Fail(contract, "id", $"Data contract id '{contract.Id}' says major version {suffix.Groups[1].Value}, but its version is {contract.Version}; a new major version is a new contract file with the id ending in '.v{version.Groups[1].Value}', and the old one stays until its consumers have moved.");
        }
    }
}

// A readable suggestion from an id that breaks the convention: lowercase, dashes for other separators.
string Suggest(DomainAsset asset)
{
    var id = asset.Id.StartsWith(asset.DomainFolder + ".", StringComparison.OrdinalIgnoreCase) ? asset.Id[(asset.DomainFolder.Length + 1)..] : asset.Id;
    var words = Regex.Replace(id.ToLowerInvariant(), "[^a-z0-9.]+", "-").Trim('-', '.');
    return words.Length == 0 ? "name" : words;
}
