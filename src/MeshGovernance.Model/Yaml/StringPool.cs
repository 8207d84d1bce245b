using System.Collections.Concurrent;

namespace MeshGovernance.Model.Yaml;

/// <summary>
/// One instance per short text: keys and short values ("name", "logicalType", "string", "true") repeat
/// millions of times in a large mesh, and the parser hands out a new string each time. Keeping one copy
/// shrinks the retained tree, and the garbage collector's work with it. Bounded, so it cannot grow without end.
/// </summary>
internal static class StringPool
{
    private const int MaxLength = 32;
    private const int MaxEntries = 200_000;
    private static readonly ConcurrentDictionary<string, string> Pool = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> PoolBySpan = Pool.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The longest text the pool keeps; longer ones are never looked up.</summary>
    public const int MaxPooledLength = MaxLength;

    // ConcurrentDictionary.Count takes every lock; a counter of our own is enough for a bound.
    private static int s_count;

    /// <summary>The pooled copy of a short text read into a buffer, allocated only when the pool does not have it yet.</summary>
    public static string Share(ReadOnlySpan<char> text) =>
        text.Length <= MaxLength && PoolBySpan.TryGetValue(text, out var shared) ? shared : Share(new string(text));

    public static string Share(string text)
    {
        if (text.Length > MaxLength)
        {
            return text;
        }

        if (Pool.TryGetValue(text, out var shared))
        {
            return shared;
        }

        if (Volatile.Read(ref s_count) >= MaxEntries)
        {
            return text;
        }

        if (Pool.TryAdd(text, text))
        {
            Interlocked.Increment(ref s_count);
            return text;
        }

        return Pool.TryGetValue(text, out shared) ? shared : text;
    }
}
