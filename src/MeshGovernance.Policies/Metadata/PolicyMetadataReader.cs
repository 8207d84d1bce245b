using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Yaml;
using MeshGovernance.Policies.Scripting;
using MeshGovernance.Results;

namespace MeshGovernance.Policies.Metadata;

/// <summary>
/// Reads a policy's front matter: the comment lines between the first two <c>// ---</c> lines, holding YAML.
/// The comment markers are blanked rather than removed, so YAML positions are the script's own lines and columns.
/// </summary>
public static partial class PolicyMetadataReader
{
    private const string Fence = "---";
    private static readonly string[] KnownKeys = ["id", "title", "enforcement", "category", "rationale", "help", "scope", "params", "alwaysBlocks", "pullRequestOnly"];

    /// <summary>
    /// What the built-in pack's front matter says, read once per process: every check asks again (the site's trend
    /// runs one per commit), and a warm check would otherwise start YAML reading only for this.
    /// </summary>
    private static readonly ConditionalWeakTable<PolicySource, BuiltInRead> BuiltInReads = new();

    private sealed record BuiltInRead(PolicyMetadata? Metadata, IReadOnlyList<Diagnostic> Diagnostics);

    public static (PolicyMetadata? Metadata, IReadOnlyList<Diagnostic> Diagnostics) Read(PolicySource source)
    {
        if (!source.BuiltIn)
        {
            return ReadFrontMatter(source);
        }

        var read = BuiltInReads.GetValue(source, static s =>
        {
            var (metadata, diagnostics) = ReadFrontMatter(s);
            return new BuiltInRead(metadata, diagnostics);
        });
        return (read.Metadata, read.Diagnostics);
    }

    /// <summary>Reads the front matter of <paramref name="sources"/> on the thread pool, for a command to do while it loads the mesh.</summary>
    public static void ReadAhead(IReadOnlyList<PolicySource> sources) => _ = Task.Run(() =>
    {
        foreach (var source in sources)
        {
            Read(source);
        }
    });

    private static (PolicyMetadata? Metadata, IReadOnlyList<Diagnostic> Diagnostics) ReadFrontMatter(PolicySource source)
    {
        var diagnostics = new List<Diagnostic>();
        var lines = source.Text.Split('\n');
        var start = Array.FindIndex(lines, l => l.Trim().Length > 0);
        if (start < 0 || !IsFence(lines[start]))
        {
            return Fail(source, 1, 1, "The policy has no front matter. Start the file with a comment block between '// ---' lines holding its id, title, enforcement, category and rationale.");
        }

        var end = Array.FindIndex(lines, start + 1, IsFence);
        if (end < 0)
        {
            return Fail(source, start + 1, 1, "The front matter that starts here is never closed; end it with a '// ---' line.");
        }

        var yaml = new string[end];
        for (var i = 0; i < end; i++)
        {
            if (i <= start)
            {
                yaml[i] = string.Empty;
                continue;
            }

            var line = lines[i].TrimEnd('\r');
            var marker = line.IndexOf("//", StringComparison.Ordinal);
            if (marker < 0 || line[..marker].Trim().Length > 0)
            {
                return Fail(source, i + 1, 1, "Every line of the front matter is a '//' comment; this one is not.");
            }

            yaml[i] = new string(' ', marker + 2) + line[(marker + 2)..];
        }

        var parsed = YamlDocumentReader.Read(string.Join('\n', yaml), source.Path, YamlLimits.Default);
        if (parsed.Root is null)
        {
            return (null, parsed.Diagnostics.Select(d => d with { Id = DiagnosticCatalog.PolicyMetadataInvalid.Id, Message = "The front matter is not valid YAML: " + d.Message }).ToList());
        }

        var root = parsed.Root;
        foreach (var entry in root.Entries.Where(e => !KnownKeys.Contains(e.Key.Value)))
        {
            diagnostics.Add(Error(entry.Key.Span, $"Unknown front-matter key '{entry.Key.Value}'; the keys are {string.Join(", ", KnownKeys)}."));
        }

        var id = Required(root, "id", diagnostics);
        if (id is not null && !IdPattern().IsMatch(id))
        {
            diagnostics.Add(Error(root.SpanOf("id"), $"The id '{id}' is not lowercase words joined by dashes (like 'product-has-owner')."));
        }
        else if (id is not null && id != source.FileStem)
        {
            diagnostics.Add(Error(root.SpanOf("id"), $"The id '{id}' differs from the file name '{source.FileStem}.csx'; a policy file is named after its id."));
        }

        var title = Required(root, "title", diagnostics);
        var category = Required(root, "category", diagnostics);
        var rationale = Required(root, "rationale", diagnostics);
        var enforcementText = Required(root, "enforcement", diagnostics);
        var enforcement = EnforcementNames.Parse(enforcementText);
        if (enforcementText is not null && enforcement is null)
        {
            diagnostics.Add(Error(root.SpanOf("enforcement"), $"Unknown enforcement '{enforcementText}'; use advisory, soft-mandatory or hard-mandatory."));
        }

        var help = Optional(root, "help", diagnostics);
        if (help is not null && !(Uri.TryCreate(help, UriKind.Absolute, out var helpUri) && helpUri.Scheme is "https" or "http"))
        {
            diagnostics.Add(Error(root.SpanOf("help"), $"The help link '{help}' is not an http(s) URL."));
        }

        var scope = ReadScope(root, diagnostics);
        var parameters = ReadParameters(root, diagnostics);
        var alwaysBlocks = OptionalBoolean("alwaysBlocks");
        var pullRequestOnly = OptionalBoolean("pullRequestOnly");
        if (diagnostics.Count > 0)
        {
            return (null, diagnostics);
        }

        return (new PolicyMetadata(id!, title!, enforcement!.Value, category!, rationale!, help, scope, parameters) { AlwaysBlocks = alwaysBlocks, PullRequestOnly = pullRequestOnly }, diagnostics);

        Diagnostic Error(SourceSpan span, string message) => DiagnosticCatalog.PolicyMetadataInvalid.Create(span, message, source.FileStem);

        bool OptionalBoolean(string key) => Optional(root, key, diagnostics) switch
        {
            null or "false" => false,
            "true" => true,
            var other => Invalid(root.SpanOf(key), $"'{key}' is true or false, not '{other}'."),
        };

        bool Invalid(SourceSpan span, string message)
        {
            diagnostics.Add(Error(span, message));
            return false;
        }
    }

    private static bool IsFence(string line)
    {
        var trimmed = line.Trim();
        return trimmed.StartsWith("//", StringComparison.Ordinal) && trimmed[2..].Trim() == Fence;
    }

    private static (PolicyMetadata?, IReadOnlyList<Diagnostic>) Fail(PolicySource source, int line, int column, string message) =>
        (null, [DiagnosticCatalog.PolicyMetadataInvalid.Create(SourceSpan.At(source.Path, line, column), message, source.FileStem)]);

    private static string? Required(SourceMapping root, string key, List<Diagnostic> diagnostics)
    {
        var value = Optional(root, key, diagnostics);
        if (value is null && root[key] is null or SourceScalar { IsNull: true })
        {
            diagnostics.Add(DiagnosticCatalog.PolicyMetadataInvalid.Create(root.Span, $"The front matter has no '{key}'."));
        }

        return value;
    }

    private static string? Optional(SourceMapping root, string key, List<Diagnostic> diagnostics)
    {
        switch (root[key])
        {
            case null or SourceScalar { IsNull: true }:
                return null;
            case SourceScalar scalar when scalar.Value.Trim().Length > 0:
                return scalar.Value.Trim();
            case var node:
                diagnostics.Add(DiagnosticCatalog.PolicyMetadataInvalid.Create(node.Span, $"'{key}' is a non-empty text."));
                return null;
        }
    }

    private static IReadOnlyList<SubjectKind> ReadScope(SourceMapping root, List<Diagnostic> diagnostics)
    {
        var node = root["scope"];
        if (node is null)
        {
            return [SubjectKind.Products, SubjectKind.Contracts];
        }

        var names = node switch
        {
            SourceScalar scalar => [scalar],
            SourceSequence sequence => sequence.Items.OfType<SourceScalar>().ToList(),
            _ => [],
        };
        var scope = new List<SubjectKind>();
        foreach (var name in names)
        {
            if (Enum.TryParse<SubjectKind>(name.Value, ignoreCase: true, out var kind) && char.IsLower(name.Value[0]))
            {
                scope.Add(kind);
            }
            else
            {
                diagnostics.Add(DiagnosticCatalog.PolicyMetadataInvalid.Create(name.Span, $"Unknown scope '{name.Value}'; use mesh, teams, domains, products or contracts."));
            }
        }

        if (names.Count == 0)
        {
            diagnostics.Add(DiagnosticCatalog.PolicyMetadataInvalid.Create(node.Span, "'scope' lists the kinds of subject the policy judges: mesh, teams, domains, products, contracts."));
        }

        return scope.Distinct().ToList();
    }

    private static Dictionary<string, object> ReadParameters(SourceMapping root, List<Diagnostic> diagnostics)
    {
        var parameters = new Dictionary<string, object>(StringComparer.Ordinal);
        switch (root["params"])
        {
            case null:
                return parameters;
            case SourceMapping mapping:
                foreach (var (key, value) in mapping.Entries)
                {
                    if (ParameterTypes.FromYaml(value) is { } typed)
                    {
                        parameters[key.Value] = typed;
                    }
                    else
                    {
                        diagnostics.Add(DiagnosticCatalog.PolicyMetadataInvalid.Create(value.Span, $"The default of parameter '{key.Value}' must be a text, a number, true/false or a list of texts; it decides the parameter's type."));
                    }
                }

                return parameters;
            case var other:
                diagnostics.Add(DiagnosticCatalog.PolicyMetadataInvalid.Create(other.Span, "'params' maps each parameter's name to its default value."));
                return parameters;
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();
}
