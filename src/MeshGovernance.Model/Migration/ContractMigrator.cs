using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Model.Migration;

/// <summary>
/// Migrates one data contract to ODCS v3.1.0: tells what the file is, and hands it to the migration of its
/// format (ODCS v3.0.x: text edits that keep everything else; Data Contract Specification: a new document),
/// or says why it cannot be migrated.
/// </summary>
public static class ContractMigrator
{
    /// <summary>The only target: the ODCS release meshgov writes.</summary>
    public const string TargetVersion = OdcsV30Migration.Target;

    /// <summary>The ODCS versions rewritten to v3.1.0.</summary>
    public static IReadOnlyList<string> OdcsSources { get; } = ["v3.0.0", "v3.0.1", "v3.0.2"];

    /// <param name="text">The file's content, decoded (a byte-order mark, if any, already removed).</param>
    /// <param name="file">The file's repo-relative path, for the notes.</param>
    public static MigrationResult Migrate(string text, string file)
    {
        try
        {
            return MigrateChecked(text, file);
        }
        catch (Exception ex) when (ex is InvalidOperationException or InsufficientExecutionStackException)
        {
            // The migrations check their own output (it must read back as YAML, edits must not overlap); a file
            // that defeats those checks is refused, unchanged, rather than half-written.
            return MigrationResult.Refuse(file, DiagnosticCatalog.NestingTooDeep.Create(SourceSpan.StartOf(file),
                $"meshgov could not migrate this file ({ex.Message}); it is left unchanged. Simplify its nesting, or migrate it by hand with docs/migrating.md."));
        }
    }

    private static MigrationResult MigrateChecked(string text, string file)
    {
        var read = YamlDocumentReader.Read(text, file);
        if (read.Root is not { } root)
        {
            return MigrationResult.Refuse(file, read.Diagnostics.FirstOrDefault(d => d.Level == DiagnosticLevel.Error)
                ?? DiagnosticCatalog.NotAMapping.Create(SourceSpan.StartOf(file), "The file is not a YAML mapping."));
        }

        if (read.Diagnostics.FirstOrDefault(d => d.Level == DiagnosticLevel.Error) is { } yamlError)
        {
            // A duplicate key or a second document: which value is meant is not clear, so nothing is rewritten.
            return MigrationResult.Refuse(file, yamlError with { Message = yamlError.Message + " Fix this first: meshgov migrates only a well-formed file." });
        }

        if (root.KeyNode("dataContractSpecification") is { } dcsKey)
        {
            var version = root["dataContractSpecification"] is SourceScalar { IsNull: false } v ? v.Value.Trim() : null;
            if (version is null || !(version.StartsWith("1.", StringComparison.Ordinal) || version.StartsWith("0.9", StringComparison.Ordinal)))
            {
                return Refuse(file, dcsKey, $"dataContractSpecification '{Truncate(version ?? "(none)")}' is not a version meshgov migrates (0.9.x and 1.x): it cannot tell how its fields map to ODCS.");
            }

            if (!root.ContainsKey("id"))
            {
                return Refuse(file, dcsKey, "this Data Contract Specification file has no id, which both standards require: add one, then migrate.");
            }

            return DataContractSpecificationMigration.Migrate(text, file, root, version);
        }

        if (root.KeyNode("dataProductSpecification") is { } dps)
        {
            return Refuse(file, dps, "this is a Data Product Specification file, a data product and no contract: meshgov migrate rewrites contracts only. Write the product as ODPS v1.0.0.");
        }

        if (root.KeyNode("apiVersion") is not { } apiKey)
        {
            var v2 = root.Entries.Select(e => e.Key).FirstOrDefault(k => k.Value is "standardVersion" or "templateVersion" or "uuid" or "datasetName" or "quantumName" or "dataset");
            return v2 is not null
                ? Refuse(file, v2, "this is an ODCS v2 contract (no apiVersion; '" + v2.Value + "' is an ODCS v2 field): meshgov migrate rewrites ODCS v3.0.x and Data Contract Specification files. Migrate it with the ODCS v2-to-v3 guide first.")
                : Refuse(file, (root.Entries.Count > 0 ? root.Entries[0].Key : null) ?? (SourceNode)root, "this file has neither apiVersion (ODCS) nor dataContractSpecification (DCS), so it is no data contract meshgov can migrate.");
        }

        if (root["apiVersion"] is not SourceScalar { Kind: ScalarKind.String } apiVersion)
        {
            return Refuse(file, apiKey, "apiVersion is not a version string such as v3.0.2.");
        }

        var declared = apiVersion.Value.Trim();
        if (root.GetString("kind") is { } kind && kind != "DataContract")
        {
            return Refuse(file, root.KeyNode("kind")!, $"kind is '{Truncate(kind)}': meshgov migrate rewrites data contracts (kind: DataContract) only.");
        }

        if (declared == TargetVersion)
        {
            return new MigrationResult(file, MigrationOutcome.AlreadyCurrent, "ODCS " + TargetVersion, text, [
                new MigrationNote(MigrationNoteKind.Info, apiVersion.Span with { File = file }, $"apiVersion is already {TargetVersion}: there is nothing to migrate"),
            ]);
        }

        if (OdcsSources.Contains(declared, StringComparer.Ordinal))
        {
            return OdcsV30Migration.Migrate(text, file, root, declared);
        }

        var message = declared.StartsWith("v2", StringComparison.Ordinal) || declared.StartsWith('2')
            ? $"ODCS {Truncate(declared)} is not migrated by meshgov: it rewrites ODCS {string.Join(", ", OdcsSources)} and Data Contract Specification files to {TargetVersion}. Migrate it with the ODCS v2-to-v3 guide first."
            : declared == "v3.2.0"
                ? $"ODCS v3.2.0 is not yet released: meshgov reads up to {TargetVersion}, and does not rewrite a newer version to an older one."
                : $"apiVersion '{Truncate(declared)}' is not an ODCS version meshgov migrates: it rewrites {string.Join(", ", OdcsSources)} (and Data Contract Specification files) to {TargetVersion}.";
        return Refuse(file, apiVersion, message);
    }

    private static MigrationResult Refuse(string file, SourceNode at, string message) =>
        MigrationResult.Refuse(file, DiagnosticCatalog.FormatNotRead.Create(at.Span with { File = file }, message));

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..37] + "...";

    /// <summary>
    /// Where a migrated contract belongs in a mesh repository when it is not there already: contracts are
    /// found as <c>domains/&lt;domain&gt;/contracts/&lt;name&gt;.odcs.yaml</c> (docs/formats.md). Null when the path fits.
    /// </summary>
    public static string? SuggestedPath(string relativePath, string? id)
    {
        var parts = relativePath.Split('/');
        var name = parts[^1];
        var inContracts = parts.Length == 4 && parts[0] == "domains" && parts[2] == "contracts";
        var named = name.EndsWith(".odcs.yaml", StringComparison.Ordinal) || name.EndsWith(".odcs.yml", StringComparison.Ordinal);
        if (inContracts && named)
        {
            return null;
        }

        var stem = name;
        foreach (var suffix in new[] { ".yaml", ".yml" })
        {
            if (stem.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                stem = stem[..^suffix.Length];
            }
        }

        foreach (var suffix in new[] { ".datacontract", ".odcs", "-datacontract", "_datacontract" })
        {
            if (stem.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && stem.Length > suffix.Length)
            {
                stem = stem[..^suffix.Length];
            }
        }

        if (stem.Equals("datacontract", StringComparison.OrdinalIgnoreCase) && id is { Length: > 0 } && IsFileName(id))
        {
            stem = id;
        }

        var folder = parts.Length >= 3 && parts[0] == "domains" ? $"domains/{parts[1]}/contracts" : "domains/<domain>/contracts";
        return $"{folder}/{stem}.odcs.yaml";
    }

    private static bool IsFileName(string value) => value.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.') && value.Length <= 100;
}
