using System.Text.Json;

namespace MeshGovernance.Cli.Tests;

/// <summary>One in-process run of meshgov with its output captured.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static CliRun Of(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = new MeshgovApp(output, error).Run(args);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    /// <summary>The findings of a <c>--format json</c> run.</summary>
    public IReadOnlyList<JsonElement> Findings()
    {
        using var document = JsonDocument.Parse(Output);
        return document.RootElement.GetProperty("findings").EnumerateArray().Select(e => e.Clone()).ToList();
    }

    public JsonElement Single(string id) => Assert.Single(Findings(), f => f.GetProperty("id").GetString() == id);
}
