using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Schemas;
using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Model.Loading;

/// <summary>
/// Recognises product and contract files written in a format or version meshgov does not read (ODCS v2,
/// an unreleased ODCS, the Data Contract or Data Product Specification, an unknown apiVersion), so that
/// such a file gets one diagnostic saying what it is and what to do, instead of a wall of schema errors.
/// </summary>
public static class UnreadFormats
{
    /// <summary>
    /// The ODCS versions read, each judged by the schema of its own release (schemas/odcs-v3.0.0, -v3.0.1,
    /// -v3.0.2 and -v3.1.schema.json; <see cref="DocumentKinds.SchemaFileName(DocumentKind, SourceMapping)"/>).
    /// </summary>
    public static IReadOnlyList<string> OdcsVersions { get; } = ["v3.0.0", "v3.0.1", "v3.0.2", "v3.1.0"];

    /// <summary>
    /// The ODPS versions read. v0.9.0, the standard's early draft, is not: its schema differs from v1.0.0's (team
    /// as a bare list, ports without tags), so reading it by v1.0.0 would judge it by rules it was not written to.
    /// </summary>
    public static IReadOnlyList<string> OdpsVersions { get; } = ["v1.0.0"];

    /// <summary>ODPS versions published as early drafts, superseded by a release.</summary>
    private static readonly string[] DraftOdps = ["v0.9.0"];

    /// <summary>ODCS versions published as drafts but not released.</summary>
    private static readonly string[] UnreleasedOdcs = ["v3.2.0"];

    /// <summary>Top-level keys of ODCS v2.x that no ODCS v3 contract has: they tell a v2 file without apiVersion.</summary>
    private static readonly string[] OdcsV2Keys =
    [
        "standardVersion", "templateVersion", "uuid", "dataset", "datasetName", "datasetDomain", "datasetKind",
        "datasetProject", "quantumName", "userConsumptionMode", "productDl", "productFeedbackUrl", "productSlackChannel",
        "sourcePlatform", "sourceSystem", "stakeholders", "slaDefaultColumn", "driver", "driverVersion",
    ];

    private const string Odcs = "ODCS v3.0.x and v3.1.0";

    /// <summary>The diagnostic for a file meshgov does not read, or null when it reads it.</summary>
    public static Diagnostic? Detect(DocumentKind kind, SourceMapping root, string? subject = null)
    {
        if (kind is not (DocumentKind.Contract or DocumentKind.Product))
        {
            return null;
        }

        var noun = kind == DocumentKind.Contract ? "contract" : "product";
        if (root.KeyNode("dataContractSpecification") is { } dcs)
        {
            var what = $"This is a Data Contract Specification{VersionOf(root, dcs)} file, which meshgov does not read";
            var message = kind == DocumentKind.Contract
                ? $"{what}: meshgov reads data contracts as {Odcs}. Convert it in place with 'meshgov migrate <file>' (it writes ODCS v3.1.0 and lists what it could not carry over)."
                : $"{what}, and a data contract is no product: meshgov reads products as ODPS v1.0.0. Convert the contract to ODCS (datacontract export --format odcs <file>) and put it in contracts/ as a .odcs.yaml file.";
            return Create(dcs, message, subject);
        }

        if (root.KeyNode("dataProductSpecification") is { } dps)
        {
            var what = $"This is a Data Product Specification{VersionOf(root, dps)} file, which meshgov does not read";
            var message = kind == DocumentKind.Product
                ? $"{what}: meshgov reads data products as ODPS v1.0.0 (Bitol Open Data Product Standard). Rewrite the product as ODPS v1.0.0 (apiVersion: v1.0.0, kind: DataProduct)."
                : $"{what}, and a data product is no contract: meshgov reads contracts as {Odcs}. Rewrite the product as ODPS v1.0.0 and put it in products/ as a .odps.yaml file.";
            return Create(dps, message, subject);
        }

        if (root.KeyNode("apiVersion") is { } apiKey)
        {
            // A non-string apiVersion (a number, a list) is left to the schema, which says what it must be.
            return root["apiVersion"] is SourceScalar { Kind: ScalarKind.String } version
                ? FromApiVersion(kind, root, subject, apiKey, version.Value.Trim(), noun)
                : null;
        }

        if (kind == DocumentKind.Contract && FirstKey(root, OdcsV2Keys) is { } v2Key)
        {
            var standard = root.GetString("standardVersion") ?? root.GetString("templateVersion");
            var version = standard is null ? "v2" : "v" + standard.TrimStart('v', 'V');
            return Create(v2Key, $"This is an ODCS {version} data contract (it has no apiVersion, and '{v2Key.Value}' is an ODCS v2 field), which meshgov does not read: meshgov reads {Odcs}. Migrate the contract to ODCS v3.1.0 (see the ODCS migration guide).", subject);
        }

        return null;
    }

    private static Diagnostic? FromApiVersion(DocumentKind kind, SourceMapping root, string? subject, SourceScalar key, string version, string noun)
    {
        var declaredKind = root.GetString("kind");
        if (kind == DocumentKind.Contract)
        {
            if (OdcsVersions.Contains(version, StringComparer.Ordinal))
            {
                return null;
            }

            if (IsMajor(version, 2))
            {
                return Create(key, $"ODCS {Normalised(version)} is not read: meshgov reads {Odcs}. Migrate the contract to ODCS v3.1.0 (see the ODCS migration guide).", subject);
            }

            if (UnreleasedOdcs.Contains(Normalised(version), StringComparer.Ordinal))
            {
                return Create(key, $"ODCS {Normalised(version)} is not yet released, so meshgov does not read it: meshgov reads up to v3.1.0. Write the contract as ODCS v3.1.0 (apiVersion: v3.1.0) until {Normalised(version)} is released and supported.", subject);
            }

            if (declaredKind == "DataProduct" && (OdpsVersions.Contains(version, StringComparer.Ordinal) || DraftOdps.Contains(version, StringComparer.Ordinal)))
            {
                return Misplaced(root, subject, "an ODPS data product", "products/", ".odps.yaml");
            }

            return Unknown(key, subject, version, "ODCS", "contract", OdcsVersions);
        }

        if (OdpsVersions.Contains(version, StringComparer.Ordinal))
        {
            return null;
        }

        if (DraftOdps.Contains(version, StringComparer.Ordinal))
        {
            return Create(key, $"ODPS {version} is the standard's early draft, which meshgov does not read: meshgov reads data products as ODPS v1.0.0. Set apiVersion: v1.0.0 and write team as a mapping with its members under members (team: {{ name: ..., members: [...] }}), the change between the two that most products meet; then fix what 'meshgov validate' reports.", subject);
        }

        if (declaredKind == "DataContract" && (IsMajor(version, 2) || IsMajor(version, 3)))
        {
            return Misplaced(root, subject, "an ODCS data contract", "contracts/", ".odcs.yaml");
        }

        return Unknown(key, subject, version, "ODPS", noun, OdpsVersions);
    }

    private static Diagnostic Unknown(SourceScalar key, string? subject, string version, string standard, string noun, IReadOnlyList<string> read)
    {
        var message = $"apiVersion '{Truncate(version)}' is not a version of {standard} that meshgov knows, so the {noun} is not read: meshgov reads {standard} {string.Join(", ", read)}.";
        // A well-formed version of another major is no typo: no "did you mean" for v4.0.0.
        var wellFormed = System.Text.RegularExpressions.Regex.IsMatch(version, @"^v\d+\.\d+\.\d+$");
        var typo = !wellFormed || read.Any(r => IsMajor(version, int.Parse(r[1..r.IndexOf('.')], System.Globalization.CultureInfo.InvariantCulture)));
        message += typo && Spelling.Closest(version, [.. read]) is { } suggestion
            ? $" Did you mean '{suggestion}'?"
            : $" Set apiVersion to the {standard} version the {noun} follows.";
        return Create(key, message, subject);
    }

    private static Diagnostic Misplaced(SourceMapping root, string? subject, string what, string folder, string extension) =>
        Create(root.KeyNode("kind")!, $"This is {what} (kind: {root.GetString("kind")}), which meshgov does not read from this file: move it to {folder} in its domain's folder, as a {extension} file.", subject);

    private static Diagnostic Create(SourceScalar key, string message, string? subject) =>
        DiagnosticCatalog.FormatNotRead.Create(key.Span, message, subject);

    private static SourceScalar? FirstKey(SourceMapping root, string[] keys) =>
        root.Entries.Select(e => e.Key).FirstOrDefault(k => keys.Contains(k.Value, StringComparer.Ordinal));

    private static string VersionOf(SourceMapping root, SourceScalar key) =>
        root.GetString(key.Value) is { Length: > 0 } version ? " " + Truncate(version) : string.Empty;

    private static bool IsMajor(string version, int major)
    {
        var digits = version.TrimStart('v', 'V');
        var dot = digits.IndexOf('.');
        return int.TryParse(dot < 0 ? digits : digits[..dot], out var value) && value == major;
    }

    private static string Normalised(string version) => "v" + version.TrimStart('v', 'V');

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..37] + "...";
}
