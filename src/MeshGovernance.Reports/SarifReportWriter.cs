using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Results;
using MeshGovernance.Model.Text;

namespace MeshGovernance.Reports;

/// <summary>
/// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one run whose driver lists a rule per enabled
/// policy and per MG id that occurs, and a result per finding. Paths stay repo-relative under %SRCROOT%; waived
/// findings carry an accepted external suppression. The output holds no time or machine detail, so the same
/// check gives the same file.
/// </summary>
public static class SarifReportWriter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    private const string SourceRoot = "%SRCROOT%";

    // GitHub's limits: a rule's name holds up to 255 characters, its descriptions up to 1024.
    private const int MaxNameLength = 255;
    private const int MaxDescriptionLength = 1024;

    /// <summary>The version of meshgov (the informational version, build metadata included).</summary>
    public static string ToolVersion { get; } =
        typeof(SarifReportWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(SarifReportWriter).Assembly.GetName().Version?.ToString(3)
        ?? "0.0.0";

    public static void Write(TextWriter output, CheckReport report) => Write(output, report, ToolVersion);

    /// <summary>Writes the log with the given tool version, for output that must not change with each build.</summary>
    public static void Write(TextWriter output, CheckReport report, string toolVersion)
    {
        using (var stream = new TextWriterStream(output))
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            WriteLog(json, report, toolVersion);
        }

        output.Write('\n');
    }

    private static void WriteLog(Utf8JsonWriter json, CheckReport report, string toolVersion)
    {
        var rules = RulesOf(report);
        var ruleIndex = rules.Select((rule, index) => (rule.Id, index)).ToDictionary(r => r.Id, r => r.index, StringComparer.Ordinal);

        json.WriteStartObject();
        json.WriteString("$schema", SchemaUri);
        json.WriteString("version", "2.1.0");
        json.WriteStartArray("runs");
        json.WriteStartObject();

        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "meshgov");
        json.WriteString("semanticVersion", toolVersion);
        json.WriteStartArray("rules");
        foreach (var rule in rules)
        {
            WriteRule(json, rule);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();

        // The root is where the check ran; it is left unnamed so the log holds no absolute path of the machine.
        json.WriteStartObject("originalUriBaseIds");
        json.WriteStartObject(SourceRoot);
        WriteText(json, "description", "The root of the mesh repository.");
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteString("columnKind", "utf16CodeUnits");

        json.WriteStartArray("results");
        var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var finding in report.Diagnostics)
        {
            WriteResult(json, finding, ruleIndex[finding.Id], occurrences, report.Change is not null);
            if (json.BytesPending > JsonReportWriter.FlushThreshold)
            {
                json.Flush();
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static List<SarifRule> RulesOf(CheckReport report)
    {
        var rules = new List<SarifRule>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var policy in report.Policies.Where(p => p.Enabled))
        {
            if (ids.Add(policy.Metadata.Id))
            {
                rules.Add(PolicyRule(policy));
            }
        }

        foreach (var finding in report.Diagnostics.DistinctBy(d => d.Id).OrderBy(d => d.Id, StringComparer.Ordinal))
        {
            if (ids.Add(finding.Id))
            {
                rules.Add(DiagnosticCatalog.Find(finding.Id) is { } descriptor ? CatalogRule(finding.Id, descriptor) : UndescribedRule(finding));
            }
        }

        return rules;
    }

    private static SarifRule PolicyRule(PolicyOutcome policy)
    {
        var metadata = policy.Metadata;
        var rationale = string.IsNullOrWhiteSpace(metadata.Rationale) ? metadata.Title : metadata.Rationale.Trim();
        var helpUri = Uri.TryCreate(metadata.Help, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" ? metadata.Help : null;
        var helpPage = policy.HelpPage;
        var seeAlso = helpUri is null ? string.Empty : $"\n\nMore: {helpUri}";
        var markdown = helpPage is null ? null : $"{rationale}\n\n{helpPage.Trim()}{seeAlso}";
        var advisory = metadata.Enforcement == Enforcement.Advisory;
        return new SarifRule(
            metadata.Id,
            PascalCase(metadata.Id),
            metadata.Title,
            rationale,
            rationale + seeAlso,
            markdown,
            helpUri,
            advisory ? "note" : "error",
            advisory ? "recommendation" : "error",
            metadata.Category,
            metadata.Enforcement.ToName(),
            new[] { "meshgov", "policy", metadata.Category }.Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList());
    }

    private static SarifRule CatalogRule(string id, DiagnosticDescriptor descriptor) => new(
        id,
        PascalCase(descriptor.Title),
        descriptor.Title,
        descriptor.Help,
        descriptor.Help,
        null,
        null,
        LevelOf(descriptor.DefaultLevel),
        descriptor.DefaultLevel switch
        {
            DiagnosticLevel.Error => "error",
            DiagnosticLevel.Warning => "warning",
            _ => "recommendation",
        },
        null,
        null,
        GroupOf(id) is { } group ? ["meshgov", group] : ["meshgov"]);

    /// <summary>A rule for an id neither the catalog nor the report's policies describe, so every result still has its rule.</summary>
    private static SarifRule UndescribedRule(Diagnostic finding)
    {
        var description = finding.Policy is { } policy
            ? $"A finding of the policy '{policy.PolicyId}', which this report does not describe."
            : $"A finding meshgov reports as {finding.Id}.";
        return new SarifRule(
            finding.Id,
            PascalCase(finding.Id),
            finding.Id,
            description,
            description,
            null,
            null,
            LevelOf(finding.Level),
            finding.Level == DiagnosticLevel.Error ? "error" : "warning",
            null,
            finding.Policy?.Enforcement.ToName(),
            ["meshgov"]);
    }

    /// <summary>The catalog's id ranges (see <see cref="DiagnosticCatalog"/>), as tags code scanning can filter on.</summary>
    private static string? GroupOf(string id) => id.Length == 6 && id.StartsWith("MG1", StringComparison.Ordinal)
        ? id[3] switch
        {
            '0' => "files",
            '1' => "schema",
            '2' => "mesh-graph",
            '3' => "policy-engine",
            '4' => "waivers",
            _ => null,
        }
        : null;

    private static void WriteRule(Utf8JsonWriter json, SarifRule rule)
    {
        json.WriteStartObject();
        json.WriteString("id", rule.Id);
        json.WriteString("name", Wording.Cut(rule.Name, MaxNameLength));
        WriteText(json, "shortDescription", Wording.Cut(rule.ShortDescription, MaxDescriptionLength));
        WriteText(json, "fullDescription", Wording.Cut(rule.FullDescription, MaxDescriptionLength));
        json.WriteStartObject("help");
        json.WriteString("text", rule.HelpText);
        if (rule.HelpMarkdown is not null)
        {
            json.WriteString("markdown", rule.HelpMarkdown);
        }

        json.WriteEndObject();
        if (rule.HelpUri is not null)
        {
            json.WriteString("helpUri", rule.HelpUri);
        }

        json.WriteStartObject("defaultConfiguration");
        json.WriteString("level", rule.DefaultLevel);
        json.WriteEndObject();

        json.WriteStartObject("properties");
        if (rule.Category is not null)
        {
            json.WriteString("category", rule.Category);
        }

        if (rule.Enforcement is not null)
        {
            json.WriteString("enforcement", rule.Enforcement);
        }

        json.WriteString("precision", "very-high");
        json.WriteString("problem.severity", rule.ProblemSeverity);
        json.WriteStartArray("tags");
        foreach (var tag in rule.Tags)
        {
            json.WriteStringValue(tag);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, Diagnostic finding, int ruleIndex, Dictionary<string, int> occurrences, bool pullRequest)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", finding.Id);
        json.WriteNumber("ruleIndex", ruleIndex);
        json.WriteString("level", LevelOf(finding.Level));
        if (pullRequest)
        {
            // Existing debt was there before the change; everything else is what the pull request brings.
            json.WriteString("baselineState", finding.ExistingDebt ? "unchanged" : "new");
        }

        WriteText(json, "message", finding.Message);
        if (finding.File.Length > 0)
        {
            json.WriteStartArray("locations");
            json.WriteStartObject();
            WritePhysicalLocation(json, finding.Span);
            json.WriteEndObject();
            json.WriteEndArray();
        }

        // Code scanning matches alerts across commits on primaryLocationLineHash alone. Hashing what the finding
        // is about rather than the text of its line keeps an alert when lines above it move or its line is
        // reformatted; the counter keeps identical findings apart.
        var hash = FindingHash(finding);
        var occurrence = occurrences[hash] = occurrences.GetValueOrDefault(hash) + 1;
        json.WriteStartObject("partialFingerprints");
        json.WriteString("primaryLocationLineHash", $"{hash}:{occurrence}");
        json.WriteEndObject();

        if (finding.Policy?.Waiver is { } waiver)
        {
            json.WriteStartArray("suppressions");
            json.WriteStartObject();
            json.WriteString("kind", "external");
            json.WriteString("status", "accepted");
            json.WriteString("justification", $"{waiver.Justification} (approved by {waiver.ApprovedBy} until {waiver.Expires})");
            if (waiver.Span.File.Length > 0)
            {
                json.WriteStartObject("location");
                WritePhysicalLocation(json, waiver.Span);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteStartObject("properties");
        if (finding.Subject is not null)
        {
            json.WriteString("subject", finding.Subject);
        }

        if (finding.Policy is { } policy)
        {
            json.WriteString("policy", policy.PolicyId);
            json.WriteString("enforcement", policy.Enforcement.ToName());
        }

        json.WriteBoolean("blocking", finding.Blocking);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WritePhysicalLocation(Utf8JsonWriter json, SourceSpan span)
    {
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", RelativeUri(span.File));
        json.WriteString("uriBaseId", SourceRoot);
        json.WriteEndObject();
        var (startLine, startColumn, endLine, endColumn) = RegionOf(span);
        json.WriteStartObject("region");
        json.WriteNumber("startLine", startLine);
        json.WriteNumber("startColumn", startColumn);
        json.WriteNumber("endLine", endLine);
        json.WriteNumber("endColumn", endColumn);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteText(Utf8JsonWriter json, string property, string text)
    {
        json.WriteStartObject(property);
        json.WriteString("text", text);
        json.WriteEndObject();
    }

    /// <summary>Percent-encodes each segment of a repo-relative path, so spaces, '#', '?' and '%' in file names stay part of the path.</summary>
    internal static string RelativeUri(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    /// <summary>
    /// A region SARIF accepts: 1-based, the end after the start (its column is exclusive, as in <see cref="SourceSpan"/>).
    /// A point or a broken span marks the one character at its start.
    /// </summary>
    internal static (int StartLine, int StartColumn, int EndLine, int EndColumn) RegionOf(SourceSpan span)
    {
        var startLine = Math.Max(1, span.Line);
        var startColumn = Math.Max(1, span.Column);
        var endsAfterStart = span.EndLine > startLine || (span.EndLine == startLine && span.EndColumn > startColumn);
        return endsAfterStart && span.EndColumn >= 1
            ? (startLine, startColumn, span.EndLine, span.EndColumn)
            : (startLine, startColumn, startLine, startColumn + 1);
    }

    private static string FindingHash(Diagnostic finding)
    {
        var identity = string.Join('\0', finding.Id, finding.File, finding.Subject ?? string.Empty, finding.Message);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)), 0, 8);
    }

    private static string LevelOf(DiagnosticLevel level) => level switch
    {
        DiagnosticLevel.Error => "error",
        DiagnosticLevel.Warning => "warning",
        _ => "note",
    };

    /// <summary>A rule name from an id or title: "YAML syntax error" becomes YamlSyntaxError, "product-has-owner" ProductHasOwner.</summary>
    private static string PascalCase(string words)
    {
        var name = new StringBuilder(words.Length);
        var startOfWord = true;
        foreach (var c in words)
        {
            if (!char.IsLetterOrDigit(c))
            {
                startOfWord = true;
                continue;
            }

            name.Append(startOfWord ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
            startOfWord = false;
        }

        return name.Length > 0 ? name.ToString() : words;
    }


    private sealed record SarifRule(
        string Id,
        string Name,
        string ShortDescription,
        string FullDescription,
        string HelpText,
        string? HelpMarkdown,
        string? HelpUri,
        string DefaultLevel,
        string ProblemSeverity,
        string? Category,
        string? Enforcement,
        IReadOnlyList<string> Tags);
}
