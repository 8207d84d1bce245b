using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MeshGovernance.Model.Loading;

/// <summary>
/// The id git gives a file's content (SHA-1 of <c>blob &lt;length&gt;\0</c> and the bytes), so a file read from disk can
/// be matched with the same file in a git revision without reading the revision's copy.
/// </summary>
/// <remarks>
/// Only ever compared with ids git itself computed: git hashes with collision detection, so a blob in the repository
/// cannot be half of a crafted SHA-1 collision, and a file on disk matching its id is that blob. Ids computed here are
/// never compared with each other, nor kept across runs (the file cache keys content by SHA-256).
/// </remarks>
public static class GitBlobId
{
    public static string Of(ReadOnlySpan<byte> content)
    {
#pragma warning disable CA5350 // git's object id, not a security hash: see the remarks.
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
#pragma warning restore CA5350
        hash.AppendData(Encoding.ASCII.GetBytes("blob " + content.Length.ToString(CultureInfo.InvariantCulture) + "\0"));
        hash.AppendData(content);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
