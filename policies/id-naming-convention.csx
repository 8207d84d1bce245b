// ---
// id: id-naming-convention
// title: Ids of teams, domains, products and contracts follow the mesh's naming convention
// enforcement: soft-mandatory
// category: naming
// rationale: >-
//   Ids are how products, contracts, pipelines, access roles and catalogs refer to each other, and they are
//   expensive to change once consumers depend on them. One predictable scheme (lowercase, the domain first,
//   the contract's major version last) lets anyone read where an id belongs and avoids near-duplicates that
//   differ only in case or separators. A UUID, which ODCS recommends for contract ids, or a URN is as good:
//   unique and never mistyped into a near-duplicate.
// scope: [teams, domains, products, contracts]
// params:
//   pattern: '^([a-z][a-z0-9_-]*(\.[a-z0-9_-]+)*|urn(:[A-Za-z0-9][A-Za-z0-9._-]*)+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$'
//   teamPattern: '^[a-z][a-z0-9]*(-[a-z0-9]+)*$'
//   domainPattern: '^[a-z][a-z0-9]*(-[a-z0-9]+)*$'
//   requireDomainPrefix: false
//   contractMajorSuffix: false
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

var assetPattern = Pattern("pattern");
var teamPattern = Pattern("teamPattern");
var domainPattern = Pattern("domainPattern");
var requireDomainPrefix = Params.Boolean("requireDomainPrefix");
var contractMajorSuffix = Params.Boolean("contractMajorSuffix");
const string DefaultPattern = @"^([a-z][a-z0-9_-]*(\.[a-z0-9_-]+)*|urn(:[A-Za-z0-9][A-Za-z0-9._-]*)+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$";
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
        var advice = Params.String("pattern") == DefaultPattern
            ? $"use lowercase words joined by dashes or underscores, in dot-separated parts such as '{Expected(asset)}'{(requireDomainPrefix || contractMajorSuffix ? string.Empty : ", a URN (urn:...) or a UUID")}"
            : "rename it so that it matches";
        Fail(asset, "id", $"{kind} id '{asset.Id}' does not match the naming convention {assetPattern}; {advice}.");
        continue;
    }

    if (requireDomainPrefix && !asset.Id.StartsWith(asset.DomainFolder + ".", StringComparison.Ordinal))
    {
        Fail(asset, "id", $"{kind} id '{asset.Id}' does not start with its domain '{asset.DomainFolder}.'; this mesh names products '<domain>.<name>'{(contractMajorSuffix ? " and contracts '<domain>.<name>.v<major>'" : " and contracts '<domain>.<name>'")}, such as '{Expected(asset)}'.");
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

// A readable suggestion from an id that breaks the convention: lowercase, dashes for other separators, the
// domain first and the major version last when the mesh asks for them, so that following it passes.
string Expected(DomainAsset asset)
{
    var prefixed = asset.Id.StartsWith(asset.DomainFolder + ".", StringComparison.OrdinalIgnoreCase);
    var id = prefixed ? asset.Id[(asset.DomainFolder.Length + 1)..] : asset.Id;
    var words = Regex.Replace(id.ToLowerInvariant(), "[^a-z0-9.]+", "-").Trim('-', '.');
    words = Regex.Replace(words, @"^[-0-9.]+", string.Empty); // an id starts with a letter
    words = words.Length == 0 ? "name" : words;
    if (asset is DataContract c && contractMajorSuffix)
    {
        words = Regex.Replace(words, "[-.]v[0-9]+$", string.Empty);
        var version = semverMajor.Match(c.Version ?? string.Empty);
        words += ".v" + (version.Success ? version.Groups[1].Value : "1");
    }

    return requireDomainPrefix || prefixed ? asset.DomainFolder + "." + words : words;
}
