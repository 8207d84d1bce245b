using System.Globalization;

namespace MeshGovernance.Git;

/// <summary>
/// Reads <c>git log --raw --no-abbrev -z --format=%x1e%H%x1f%aI%x1f%an%x1f%s</c>: each record starts with 0x1E, its
/// header fields are separated by 0x1F and end with NUL, then come NUL-separated pairs of a raw line
/// (<c>:100644 100644 OLD NEW M</c>) and a path.
/// </summary>
internal static class LogParser
{
    private const string NoBlob = "0000000000000000000000000000000000000000";

    public static List<LoggedCommit> Parse(string output)
    {
        var commits = new List<LoggedCommit>();
        foreach (var record in output.Split('\u001e', StringSplitOptions.RemoveEmptyEntries))
        {
            var tokens = record.Split('\0');
            var header = tokens[0].Split('\u001f', 4);
            if (header.Length < 4 || !DateTimeOffset.TryParse(header[1], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                continue;
            }

            var files = new List<LoggedFileChange>();
            for (var i = 1; i + 1 < tokens.Length; i += 2)
            {
                var raw = tokens[i].TrimStart('\n');
                var fields = raw.Split(' ');
                if (!raw.StartsWith(':') || fields.Length < 5)
                {
                    break;
                }

                var kind = fields[4] switch
                {
                    "A" => ChangeKind.Added,
                    "D" => ChangeKind.Deleted,
                    "T" => ChangeKind.TypeChanged,
                    _ => ChangeKind.Modified,
                };
                files.Add(new LoggedFileChange(kind, tokens[i + 1], Blob(fields[2]), Blob(fields[3])));
            }

            commits.Add(new LoggedCommit(header[0], date, header[2], header[3], files));
        }

        return commits;
    }

    private static string? Blob(string id) => id.Length == 0 || id.All(c => c == '0') ? null : id;
}
