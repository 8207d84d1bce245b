using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Contracts;

namespace MeshGovernance.Reports.Changelog;

/// <summary>Writes a <see cref="ContractChangelog"/> as text (for a terminal), Markdown (for a pull request) or JSON (for tools).</summary>
public static class ContractChangelogWriter
{
    public static void WriteText(TextWriter output, ContractChangelog changelog)
    {
        var changed = changelog.Changed.ToList();
        output.WriteLine($"Contract changes from {Short(changelog.BaseCommit)} to {HeadName(changelog)}: {Summary(changed)}");
        foreach (var contract in changed)
        {
            output.WriteLine();
            output.WriteLine($"{contract.Id} ({contract.Subject.File}): {ContractChangelog.StatusOf(contract)}{Versions(contract)}");
            if (VersionAdvice(contract) is { } advice)
            {
                output.WriteLine($"  {advice}");
            }

            var ruleWidth = contract.Changes.Changes.Max(c => c.Rule.Length);
            foreach (var change in contract.Changes.Changes)
            {
                var severity = ContractChangelog.SeverityName(change.Severity);
                output.WriteLine($"  {severity,-8}  {change.Rule.PadRight(ruleWidth)}  {change.Message}  ({Where(change)})");
            }
        }
    }

    public static void WriteMarkdown(TextWriter output, ContractChangelog changelog)
    {
        var changed = changelog.Changed.ToList();
        output.WriteLine("## Contract changes");
        output.WriteLine();
        output.WriteLine($"From `{Short(changelog.BaseCommit)}` to {(changelog.HeadCommit is null ? "the working tree" : $"`{Short(changelog.HeadCommit)}`")}: {Summary(changed)}");
        foreach (var contract in changed)
        {
            output.WriteLine();
            output.WriteLine($"### {MarkdownReportWriter.Cell(contract.Id)}: {ContractChangelog.StatusOf(contract)}{MarkdownReportWriter.Cell(Versions(contract))}");
            output.WriteLine();
            output.WriteLine($"In {MarkdownReportWriter.Cell(contract.Subject.File)}.{(VersionAdvice(contract) is { } advice ? " **" + MarkdownReportWriter.Cell(advice) + "**" : string.Empty)}");
            output.WriteLine();
            output.WriteLine("| Severity | Rule | Where | Change |");
            output.WriteLine("|---|---|---|---|");
            foreach (var change in contract.Changes.Changes)
            {
                output.WriteLine($"| {Badge(change.Severity)} | {change.Rule} | {MarkdownReportWriter.Cell(change.Path.Length == 0 ? "(contract)" : change.Path, 120)}, {MarkdownReportWriter.Cell(Where(change))} | {MarkdownReportWriter.Cell(change.Message, 500)} |");
            }
        }
    }

    public static void WriteJson(TextWriter output, ContractChangelog changelog)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("base", changelog.BaseCommit);
            WriteNullable(json, "head", changelog.HeadCommit);
            WriteNullable(json, "highestSeverity", changelog.HighestSeverity is { } highest ? ContractChangelog.SeverityName(highest) : null);
            json.WriteStartArray("contracts");
            foreach (var contract in changelog.Changed)
            {
                var changes = contract.Changes;
                json.WriteStartObject();
                json.WriteString("id", contract.Id);
                json.WriteString("file", contract.Subject.File);
                json.WriteString("status", ContractChangelog.StatusOf(contract));
                WriteNullable(json, "baseVersion", changes.BaseVersion);
                WriteNullable(json, "headVersion", changes.HeadVersion);
                json.WriteString("versionBump", ContractChangelog.BumpName(changes.VersionBump));
                json.WriteString("requiredBump", ContractChangelog.BumpName(changes.RequiredBump));
                if (ContractChangelog.VersionIsEnough(contract) is { } enough)
                {
                    json.WriteBoolean("versionIsEnough", enough);
                }
                else
                {
                    json.WriteNull("versionIsEnough");
                }

                json.WriteString("highestSeverity", ContractChangelog.SeverityName(changes.HighestSeverity!.Value));
                json.WriteStartArray("changes");
                foreach (var change in changes.Changes)
                {
                    json.WriteStartObject();
                    json.WriteString("severity", ContractChangelog.SeverityName(change.Severity));
                    json.WriteString("rule", change.Rule);
                    json.WriteString("path", change.Path);
                    json.WriteString("message", change.Message);
                    json.WriteString("requires", ContractChangelog.BumpName(change.Requires));
                    WriteSpan(json, "base", change.Base);
                    WriteSpan(json, "head", change.Head);
                    json.WriteBoolean("headIsNearest", change.HeadIsNearest);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    private static string Summary(List<ContractComparison> changed)
    {
        if (changed.Count == 0)
        {
            return "no contract changes.";
        }

        var breaking = changed.Count(c => c.IsBreaking);
        var text = changed.Count == 1 ? "1 contract changed" : $"{changed.Count} contracts changed";
        return breaking == 0 ? text + ", nothing breaking." : $"{text}, {breaking} with breaking changes.";
    }

    private static string Versions(ContractComparison contract) => (contract.Changes.BaseVersion, contract.Changes.HeadVersion) switch
    {
        (null, null) => string.Empty,
        ({ } before, null) => $", was version {before}",
        (null, { } after) => $", version {after}",
        ({ } before, { } after) when before == after => $", version {after} (unchanged)",
        ({ } before, { } after) => $", version {before} → {after}",
    };

    private static string? VersionAdvice(ContractComparison contract)
    {
        if (ContractChangelog.VersionIsEnough(contract) is not false)
        {
            return null;
        }

        var changes = contract.Changes;
        return changes.VersionBump == VersionBump.Downgrade
            ? "The version goes down; a changed contract needs a higher version."
            : changes.RequiredBump == VersionBump.Major
                ? "Needs a new major version: it has breaking changes."
                : "Needs at least a new minor version: it has additions or weaker promises.";
    }

    // A removal is shown where it was: at head, its span is only the nearest node that remains.
    private static string Where(ContractChange change) => (change.Head, change.Base) switch
    {
        (_, { } before) when change.HeadIsNearest => $"base line {before.Line}",
        ({ } head, _) => $"line {head.Line}",
        (null, { } before) => $"base line {before.Line}",
        _ => "whole contract",
    };

    private static string Badge(ChangeSeverity severity) => severity switch
    {
        ChangeSeverity.Breaking => "🔴 breaking",
        ChangeSeverity.Warning => "🟡 warning",
        _ => "🔵 info",
    };

    private static string Short(string commit) => commit.Length > 12 ? commit[..12] : commit;

    private static string HeadName(ContractChangelog changelog) => changelog.HeadCommit is null ? "the working tree" : Short(changelog.HeadCommit);

    private static void WriteSpan(Utf8JsonWriter json, string name, SourceSpan? span)
    {
        if (span is not { } at)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartObject(name);
        json.WriteString("file", at.File);
        json.WriteNumber("line", at.Line);
        json.WriteNumber("column", at.Column);
        json.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
