using System.Net;
using System.Text.Json;

namespace MeshGovernance.GitHub;

/// <summary>A successful answer from the REST API: its status, its JSON body (undefined when empty) and the next page's URL, when paginated.</summary>
public sealed record GitHubResponse(HttpStatusCode StatusCode, JsonElement Body, Uri? NextPage);
