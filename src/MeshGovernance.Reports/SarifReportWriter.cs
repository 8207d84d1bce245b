namespace MeshGovernance.Reports;

public static class SarifReportWriter
{
    public static void Write(TextWriter output, CheckReport report) => throw new NotImplementedException("Being written.");
}
