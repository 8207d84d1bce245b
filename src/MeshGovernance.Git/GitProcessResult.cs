namespace MeshGovernance.Git;

/// <summary>A finished git command: exit code, raw standard output, and standard error as text.</summary>
internal sealed record GitProcessResult(string Command, int ExitCode, byte[] Output, string Error)
{
    public string OutputText => GitOutput.Decode(Output).TrimEnd('\n');

    public string FirstErrorLine => GitOutput.FirstLine(Error);
}
