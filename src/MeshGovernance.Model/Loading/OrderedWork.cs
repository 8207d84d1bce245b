namespace MeshGovernance.Model.Loading;

/// <summary>Maps a list in order, on every core when it is long enough to be worth starting PLINQ for.</summary>
internal static class OrderedWork
{
    /// <summary>
    /// Below this many items a map runs on the calling thread: a small mesh (the example's 42 files) spent more
    /// starting PLINQ, cold, in a fresh process such as the policy worker, than on the items themselves.
    /// </summary>
    public const int MinimumForParallel = 64;

    public static List<TResult> Select<TSource, TResult>(IReadOnlyCollection<TSource> items, Func<TSource, TResult> map)
    {
        if (items.Count < MinimumForParallel)
        {
            var results = new List<TResult>(items.Count);
            foreach (var item in items)
            {
                results.Add(map(item));
            }

            return results;
        }

        return items.AsParallel().AsOrdered().Select(map).ToList();
    }
}
