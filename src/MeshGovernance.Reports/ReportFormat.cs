namespace MeshGovernance.Reports;

/// <summary>The formats <c>meshgov check</c> can write.</summary>
public enum ReportFormat
{
    Text,
    Json,
    Sarif,
    Junit,
    Markdown,
}

public static class ReportWriters
{
    public static IReadOnlyList<string> Names { get; } = ["text", "json", "sarif", "junit", "markdown"];

    public static ReportFormat Parse(string name) => name switch
    {
        "text" => ReportFormat.Text,
        "json" => ReportFormat.Json,
        "sarif" => ReportFormat.Sarif,
        "junit" => ReportFormat.Junit,
        "markdown" => ReportFormat.Markdown,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown report format."),
    };

    public static void Write(ReportFormat format, TextWriter output, CheckReport report)
    {
        switch (format)
        {
            case ReportFormat.Text:
                TextReportWriter.Write(output, report);
                break;
            case ReportFormat.Json:
                JsonReportWriter.Write(output, report);
                break;
            case ReportFormat.Sarif:
                SarifReportWriter.Write(output, report);
                break;
            case ReportFormat.Junit:
                JunitReportWriter.Write(output, report);
                break;
            default:
                MarkdownReportWriter.Write(output, report);
                break;
        }
    }
}
