namespace MeshGovernance.Git;

/// <summary>Parses <c>git diff --name-status -z</c>: a status field, then one path (two for renames and copies).</summary>
internal static class NameStatusParser
{
    public static List<FileChange> Parse(ReadOnlySpan<byte> output)
    {
        var fields = GitOutput.SplitNul(output);
        var changes = new List<FileChange>();
        var index = 0;
        while (index < fields.Count)
        {
            var status = fields[index];
            if (status.Length == 0)
            {
                throw Malformed(status);
            }

            var letter = status[0];
            var pathCount = letter is 'R' or 'C' ? 2 : 1;
            if (index + pathCount >= fields.Count)
            {
                throw Malformed(status);
            }

            var first = fields[index + 1];
            changes.Add(letter switch
            {
                'A' => new FileChange(ChangeKind.Added, first),
                'M' => new FileChange(ChangeKind.Modified, first),
                'U' => new FileChange(ChangeKind.Modified, first),
                'D' => new FileChange(ChangeKind.Deleted, first),
                'T' => new FileChange(ChangeKind.TypeChanged, first),
                'R' => new FileChange(ChangeKind.Renamed, fields[index + 2], first),
                'C' => new FileChange(ChangeKind.Added, fields[index + 2]),
                _ => throw Malformed(status),
            });
            index += pathCount + 1;
        }

        return changes;
    }

    private static GitException Malformed(string status) =>
        new($"git diff reported a change this version does not understand (status '{status}'). Please report it with your git version.");
}
