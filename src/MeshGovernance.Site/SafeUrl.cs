namespace MeshGovernance.Site;

/// <summary>Links from YAML are shown only when they are absolute http, https or mailto URLs.</summary>
public static class SafeUrl
{
    public static bool IsAllowed(string? url) =>
        url is not null
        && Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeMailto);

    /// <summary>The URL when it is allowed, else null (the text is then shown without a link).</summary>
    public static string? OrNull(string? url) => IsAllowed(url) ? new Uri(url!.Trim(), UriKind.Absolute).AbsoluteUri : null;
}
