// ---
// id: contract-version-semver
// title: Data contracts and products carry a semantic version
// enforcement: soft-mandatory
// category: versioning
// rationale: >-
//   Consumers decide from a version number whether a change is safe to take: a patch fixes, a minor adds,
//   a major breaks. That only works when every contract and product uses the same scheme. Semantic
//   Versioning (MAJOR.MINOR.PATCH) is what both standards recommend and what tools compare correctly.
// scope: [products, contracts]
// params:
//   allowPrerelease: true
// ---
using MeshGovernance.Model.Yaml;

var allowPrerelease = Params.Boolean("allowPrerelease");

// Semantic Versioning 2.0.0: numbers without leading zeros; optional pre-release and build identifiers.
var number = "(0|[1-9][0-9]*)";
var prerelease = "(0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)";
var build = "[0-9A-Za-z-]+";
var semver = new Regex($@"^{number}\.{number}\.{number}(-{prerelease}(\.{prerelease})*)?(\+{build}(\.{build})*)?$", RegexOptions.CultureInvariant);
var looseNumbers = new Regex(@"^v?([0-9]+)(\.([0-9]+))?(\.([0-9]+))?", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

foreach (var asset in Mesh.Products.Cast<DomainAsset>().Concat(Mesh.Contracts))
{
    var kind = asset is DataProduct ? "Data product" : "Data contract";
    var node = asset.Source["version"];
    if (node is null || node is SourceScalar { IsNull: true } || string.IsNullOrWhiteSpace(asset.Version))
    {
        Fail(asset, "version", $"{kind} '{asset.Id}' has no version; set 'version' to a semantic version such as \"1.0.0\", and raise it with every change.");
        continue;
    }

    var version = asset.Version;
    var match = semver.Match(version);
    if (match.Success)
    {
        if (!allowPrerelease && match.Groups[4].Success)
        {
            var noun = asset is DataProduct ? "product" : "contract";
            Fail(asset, "version", $"{kind} '{asset.Id}' has the pre-release version '{version}', which this mesh does not accept; publish it as a release ('{version[..version.IndexOf('-')]}'), and keep the {noun} in status draft until then.");
        }

        continue;
    }

    var loose = looseNumbers.Match(version);
    string advice;
    if (node is SourceScalar { Kind: ScalarKind.Float or ScalarKind.Integer })
    {
        advice = $"YAML reads the unquoted {version} as a number; write it as a quoted MAJOR.MINOR.PATCH text, such as \"{Suggest(loose)}\"";
    }
    else if (version.StartsWith('v') || version.StartsWith('V'))
    {
        advice = $"drop the leading '{version[0]}' and write MAJOR.MINOR.PATCH, such as '{Suggest(loose)}'";
    }
    else if (loose.Success)
    {
        advice = $"write MAJOR.MINOR.PATCH with plain numbers (no leading zeros), such as '{Suggest(loose)}'";
    }
    else
    {
        advice = "write MAJOR.MINOR.PATCH, such as '1.0.0'";
    }

    Fail(asset, "version", $"{kind} '{asset.Id}' has the version '{version}', which is not a semantic version; {advice}.");
}

string Suggest(Match loose)
{
    if (!loose.Success)
    {
        return "1.0.0";
    }

    string Part(int group) => loose.Groups[group].Success ? loose.Groups[group].Value.TrimStart('0') is { Length: > 0 } digits ? digits : "0" : "0";
    return $"{Part(1)}.{Part(3)}.{Part(5)}";
}
