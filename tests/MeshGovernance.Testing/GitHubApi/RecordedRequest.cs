using System.Text.Json.Nodes;

namespace MeshGovernance.Testing.GitHubApi;

/// <summary>One request the fake GitHub received, as it received it.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public bool Is(string method, string pathSuffix) =>
        Method == method && Path.EndsWith(pathSuffix, StringComparison.Ordinal);

    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();

    public override string ToString() => $"{Method} {Path}{Query} [{string.Join("; ", Headers.Select(h => $"{h.Key}: {h.Value}"))}] {Body}";
}
