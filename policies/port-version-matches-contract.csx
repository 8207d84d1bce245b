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
var version = new Regex(@"^v?([0-9]+)(?:\.([0-9]+)(?:\.([0-9]+)(?:[-+].*)?)?)?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

// MAJOR, MAJOR.MINOR or MAJOR.MINOR.PATCH; the parts not written are null. A port that names only the
// major (or major and minor) version says "any version of that line".
(long Major, long? Minor, long? Patch)? Parse(string? text)
{
    var m = version.Match(text?.Trim() ?? string.Empty);
    if (!m.Success || !long.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var major))
    {
        return null;
    }

    long? Part(Group g) => g.Success && long.TryParse(g.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    var minor = Part(m.Groups[2]);
    var patch = Part(m.Groups[3]);
    return (m.Groups[2].Success && minor is null) || (m.Groups[3].Success && patch is null) ? null : (major, minor, patch);
}

// The port's version names the contract's: equal, or a prefix of it (1 and 1.0 name 1.0.0).
bool Names((long Major, long? Minor, long? Patch) port, (long Major, long? Minor, long? Patch) contract) =>
    port.Major == contract.Major
    && (port.Minor is null || port.Minor == contract.Minor)
    && (port.Patch is null || port.Patch == contract.Patch);

foreach (var product in Mesh.Products)
{
    foreach (var port in product.OutputPorts)
    {
        if (port.Contract is not { Version: { } contractVersion } contract || string.IsNullOrWhiteSpace(port.Version))
        {
            continue;
        }

        if (port.Version.Trim() == contractVersion.Trim())
        {
            continue;
        }

        if (Parse(port.Version) is { } delivered && Parse(contractVersion) is { } current && current.Patch is not null && Names(delivered, current))
        {
            continue;
        }

        Fail(port, "version", $"Output port '{port.Name}' of data product '{product.Id}' has version {port.Version}, but it delivers the contract '{contract.Id}' at version {contractVersion}; set the port's version to {contractVersion} (raise both in the same pull request when the contract changes).");
    }

    foreach (var port in product.InputPorts)
    {
        if (port.Contract is not { Version: { } contractVersion } contract || Parse(port.Version) is not { } built || Parse(contractVersion) is not { Patch: not null } current)
        {
            continue; // unparsable versions are contract-version-semver's findings
        }

        var builtFull = (built.Major, built.Minor ?? 0, built.Patch ?? 0);
        var currentFull = (current.Major, current.Minor ?? 0, current.Patch ?? 0);
        if (built.Major != current.Major)
        {
            Fail(port, "version", $"Input port '{port.Name}' of data product '{product.Id}' was built against version {port.Version} of '{contract.Id}', whose version is {contractVersion}; a different major version is a different contract. Check the port's contractId and set its version to the one you built against ({current.Major}.x.y).");
        }
        else if (Names(built, current))
        {
            continue;
        }
        else if (builtFull.CompareTo(currentFull) > 0)
        {
            Fail(port, "version", $"Input port '{port.Name}' of data product '{product.Id}' names version {port.Version} of '{contract.Id}', which is newer than the contract's version {contractVersion}; set the port's version to the contract version you actually built against.");
        }
        else
        {
            Inform(port, "version", $"Input port '{port.Name}' of data product '{product.Id}' was built against version {port.Version} of '{contract.Id}', which is now at {contractVersion}; the change is compatible, so review it and raise the port's version when you have.");
        }
    }
}
