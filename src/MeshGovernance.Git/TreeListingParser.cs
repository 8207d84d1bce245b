using System.Globalization;

namespace MeshGovernance.Git;

/// <summary>Parses <c>git ls-tree -r -z -l</c>: "&lt;mode&gt; &lt;type&gt; &lt;object&gt; &lt;size&gt;\t&lt;path&gt;" per entry.</summary>
internal static class TreeListingParser
{
    public static List<TreeEntry> Parse(ReadOnlySpan<byte> output)
    {
        var entries = new List<TreeEntry>();
        foreach (var record in GitOutput.SplitNul(output))
        {
            var tab = record.IndexOf('\t');
            var header = tab < 0 ? [] : record[..tab].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (header.Length != 4)
            {
                throw new GitException($"git ls-tree printed a line this version does not understand: '{record}'.");
            }

            var (mode, objectId, size) = (header[0], header[2], header[3]);
            var kind = mode switch
            {
                "120000" => TreeEntryKind.Symlink,
                "160000" => TreeEntryKind.Submodule,
                "100755" => TreeEntryKind.Executable,
                _ when mode.StartsWith("100", StringComparison.Ordinal) => TreeEntryKind.File,
                _ => throw new GitException($"git ls-tree listed '{record[(tab + 1)..]}' with mode {mode}, which this version does not understand."),
            };
            // "-" for submodules; git prints "BAD" when it cannot read the object (a missing blob).
            long? bytes = long.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
            entries.Add(new TreeEntry(mode, kind, objectId, bytes, record[(tab + 1)..]));
        }

        return entries;
    }
}
