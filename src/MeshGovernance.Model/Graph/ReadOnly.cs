using System.Collections.ObjectModel;
using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Model.Graph;

/// <summary>
/// The graph's lists are read-only wrappers, not lists typed as read-only: policies run in parallel over one
/// graph, and a cast to <c>List&lt;T&gt;</c> must not let one of them change what the others see.
/// </summary>
internal static class ReadOnly
{
    public static ReadOnlyCollection<T> List<T>(IEnumerable<T> items) => items.ToList().AsReadOnly();

    /// <summary>
    /// <paramref name="make"/> applied to each mapping of the sequence at <paramref name="key"/>; the shared empty list
    /// when there is none. Built without iterators or closures: the graph of a big mesh makes hundreds of thousands.
    /// </summary>
    public static ReadOnlyCollection<T> Map<TState, T>(SourceMapping source, string key, TState state, Func<SourceMapping, TState, T> make)
    {
        if (source[key] is not SourceSequence sequence)
        {
            return ReadOnlyCollection<T>.Empty;
        }

        List<T>? items = null;
        for (var i = 0; i < sequence.Count; i++)
        {
            if (sequence.ItemAt(i) is SourceMapping mapping)
            {
                (items ??= new List<T>(sequence.Count)).Add(make(mapping, state));
            }
        }

        return items is null ? ReadOnlyCollection<T>.Empty : items.AsReadOnly();
    }
}
