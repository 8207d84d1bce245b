// ---
// id: port-version-matches-contract
// title: Port versions agree with the versions of their contracts
// enforcement: soft-mandatory
// category: versioning
// rationale: >-
//   An output port's version tells consumers which version of the contract the port delivers, and an input
//   port's version records which version a consumer built against. When they drift from the contract,
//   producers cannot tell who is affected by a change, and consumers cannot tell whether a change reached
//   them.
// scope: products
// ---
var triple = new Regex(@"^([0-9]+)\.([0-9]+)\.([0-9]+)(?:[-+].*)?$", RegexOptions.CultureInvariant);

(long Major, long Minor, long Patch)? Parse(string? text)
{
    var m = triple.Match(text?.Trim() ?? string.Empty);
    return m.Success && long.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var major)
        && long.TryParse(m.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var minor)
        && long.TryParse(m.Groups[3].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var patch)
        ? (major, minor, patch)
        : null;
}

foreach (var product in Mesh.Products)
{
    foreach (var port in product.OutputPorts)
    {
        if (port.Contract is not { Version: { } contractVersion } contract || string.IsNullOrWhiteSpace(port.Version))
        {
            continue;
        }

        if (port.Version.Trim() != contractVersion.Trim())
        {
            Fail(port, "version", $"Output port '{port.Name}' of data product '{product.Id}' has version {port.Version}, but it delivers the contract '{contract.Id}' at version {contractVersion}; set the port's version to {contractVersion} (raise both in the same pull request when the contract changes).");
        }
    }

    foreach (var port in product.InputPorts)
    {
        if (port.Contract is not { Version: { } contractVersion } contract || Parse(port.Version) is not { } built || Parse(contractVersion) is not { } current)
        {
            continue; // unparsable versions are contract-version-semver's findings
        }

        if (built.Major != current.Major)
        {
            Fail(port, "version", $"Input port '{port.Name}' of data product '{product.Id}' was built against version {port.Version} of '{contract.Id}', whose version is {contractVersion}; a different major version is a different contract. Check the port's contractId and set its version to the one you built against ({current.Major}.x.y).");
        }
        else if (built.CompareTo(current) > 0)
        {
            Fail(port, "version", $"Input port '{port.Name}' of data product '{product.Id}' names version {port.Version} of '{contract.Id}', which is newer than the contract's version {contractVersion}; set the port's version to the contract version you actually built against.");
        }
        else if (built.CompareTo(current) < 0)
        {
            Inform(port, "version", $"Input port '{port.Name}' of data product '{product.Id}' was built against version {port.Version} of '{contract.Id}', which is now at {contractVersion}; the change is compatible, so review it and raise the port's version when you have.");
        }
    }
}
