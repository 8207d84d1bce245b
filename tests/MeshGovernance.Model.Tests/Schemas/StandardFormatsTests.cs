using MeshGovernance.Model.Schemas;

namespace MeshGovernance.Model.Tests.Schemas;

/// <summary>
/// The formats as the standards' CI reads them (ajv-formats, full mode). tools/schema-differential compares
/// them with ajv-formats itself on many more values; these pin the cases people meet.
/// </summary>
public class StandardFormatsTests
{
    [Theory]
    [InlineData("2024-02-29", true)]
    [InlineData("2000-02-29", true)]
    [InlineData("1900-02-29", false)]
    [InlineData("2023-02-29", false)]
    [InlineData("2024-04-31", false)]
    [InlineData("2024-13-01", false)]
    [InlineData("2024-1-1", false)]
    [InlineData("2024-01-01T00:00:00Z", false)]
    [InlineData("２０２４-01-01", false)]
    public void Date(string text, bool valid) => Assert.Equal(valid, StandardFormats.IsDate(text));

    [Theory]
    [InlineData("2023-10-01T10:00:00Z", true)]
    [InlineData("2023-10-01t10:00:00z", true)]
    [InlineData("2023-10-01 10:00:00+02:00", true)]
    [InlineData("2023-10-01T10:00:00.123456-0530", true)]
    [InlineData("2023-10-01T10:00:00+02", true)]
    [InlineData("2023-10-01T23:59:60Z", true)]
    [InlineData("2023-10-01T00:59:60+01:00", true)]
    [InlineData("2023-10-01T10:59:60Z", false)]
    [InlineData("2023-10-01T10:00:00", false)]
    [InlineData("2023-10-01T10:00Z", false)]
    [InlineData("2023-10-01T24:00:00Z", false)]
    [InlineData("2023-10-01T10:00:00.Z", false)]
    [InlineData("2023-10-01T10:00:00+24:00", false)]
    [InlineData("2023-10-01TT10:00:00Z", false)]
    [InlineData("2023-02-30T10:00:00Z", false)]
    public void Date_time(string text, bool valid) => Assert.Equal(valid, StandardFormats.IsDateTime(text));

    [Theory]
    [InlineData("s3://bucket/orders/*.json")]
    [InlineData("https://example.com:8080/a?b=c#d")]
    [InlineData("abfss://container@account.dfs.core.windows.net/path")]
    [InlineData("sftp://user:pw@host:22/dir/file.csv")]
    [InlineData("mailto:team@example.com")]
    [InlineData("urn:isbn:0451450523")]
    [InlineData("http://[::1]:80/")]
    [InlineData("http://[::ffff:192.168.0.1]/")]
    [InlineData("http://[::ffff:010.0.0.1]/")] // leading zeros, as ajv-formats' grammar allows
    [InlineData("https://ex.com/path%20x")]
    [InlineData("http://host:port/")] // read as an empty authority and the path /host:port/, as ajv-formats does
    public void Uri_accepted(string text) => Assert.Null(StandardFormats.FirstUriError(text));

    [Theory]
    [InlineData("s3://bucket/{model}/*.json", "its path contains '{', which a URI must percent-encode (as %7B)")]
    [InlineData("orders/2024/data.csv", "it has no scheme (such as https: or s3:) at its start")]
    [InlineData("C:\\data\\x", "its path contains '\\', which a URI must percent-encode (as %5C)")]
    [InlineData("https://exa mple.com", "its path contains a space (write it as %20)")]
    [InlineData("x:", "nothing follows its scheme")]
    [InlineData("http://%zz/", "'%' in its path does not start a percent-encoded byte such as %20")]
    [InlineData("https://ex.com/ü", "its path contains the character U+00FC, which a URI must percent-encode")]
    [InlineData("https://ex.com/#a#b", "its fragment contains '#', which a URI must percent-encode (as %23)")]
    [InlineData("http://[1::2::3]/", "its path contains '[', which a URI must percent-encode (as %5B)")]
    public void Uri_refused_with_the_reason(string text, string reason) => Assert.Equal(reason, StandardFormats.FirstUriError(text));
}
