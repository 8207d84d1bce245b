using System.Collections.ObjectModel;

namespace MeshGovernance.Model.Graph;

/// <summary>
/// The graph's lists are read-only wrappers, not lists typed as read-only: policies run in parallel over one
/// graph, and a cast to <c>List&lt;T&gt;</c> must not let one of them change what the others see.
/// </summary>
internal static class ReadOnly
{
    public static ReadOnlyCollection<T> List<T>(IEnumerable<T> items) => items.ToList().AsReadOnly();
}
