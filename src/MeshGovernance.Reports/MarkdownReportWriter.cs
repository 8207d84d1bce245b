namespace MeshGovernance.Reports;

public static class MarkdownReportWriter
{
    public static void Write(TextWriter output, CheckReport report) => throw new NotImplementedException("Being written.");
}
