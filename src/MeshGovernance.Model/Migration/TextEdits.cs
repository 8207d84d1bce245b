namespace MeshGovernance.Model.Migration;

/// <summary>
/// Replacements of ranges of a text, applied together, so that everything outside them stays byte for
/// byte as it was. Edits may not overlap; insertions at the same offset keep the order they were added in.
/// </summary>
internal sealed class TextEdits
{
    private readonly List<Edit> _edits = [];

    private sealed record Edit(int Start, int End, string Replacement, int Sequence);

    public int Count => _edits.Count;

    /// <summary>Replaces the characters from <paramref name="start"/> to just before <paramref name="end"/>.</summary>
    public void Replace(int start, int end, string replacement)
    {
        if (start < 0 || end < start)
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"An edit from {start} to {end} is not a range.");
        }

        _edits.Add(new Edit(start, end, replacement, _edits.Count));
    }

    public void Insert(int offset, string text) => Replace(offset, offset, text);

    public void Delete(int start, int end) => Replace(start, end, string.Empty);

    /// <summary>True when a range overlaps an edit already made (insertions at its ends do not).</summary>
    public bool Overlaps(int start, int end) =>
        _edits.Any(e => (e.Start < end && start < e.End) || (e.Start == e.End && start < e.Start && e.Start < end) || (start == end && e.Start < start && start < e.End));

    public string Apply(string text)
    {
        var ordered = Ordered();
        var builder = new System.Text.StringBuilder(text.Length + 64);
        var position = 0;
        foreach (var edit in ordered)
        {
            if (edit.Start < position || edit.End > text.Length)
            {
                throw new InvalidOperationException($"Text edits overlap at offset {edit.Start}; this is a defect in the migration.");
            }

            builder.Append(text, position, edit.Start - position);
            builder.Append(edit.Replacement);
            position = edit.End;
        }

        builder.Append(text, position, text.Length - position);
        return builder.ToString();
    }

    /// <summary>
    /// Where an offset of the original text lands in the edited one: text an edit leaves alone moves by what
    /// the edits before it add or remove; an offset inside a replaced range lands at the replacement's start.
    /// </summary>
    public int Map(int offset)
    {
        var delta = 0;
        foreach (var edit in Ordered())
        {
            if (edit.End <= offset && !(edit.Start == edit.End && edit.Start > offset))
            {
                if (edit.Start == edit.End && edit.Start == offset)
                {
                    delta += edit.Replacement.Length;
                    continue;
                }

                delta += edit.Replacement.Length - (edit.End - edit.Start);
            }
            else if (edit.Start < offset && offset < edit.End)
            {
                return edit.Start + delta;
            }
        }

        return offset + delta;
    }

    private List<Edit> Ordered() => [.. _edits.OrderBy(e => e.Start).ThenBy(e => e.End == e.Start ? 0 : 1).ThenBy(e => e.Sequence)];
}
