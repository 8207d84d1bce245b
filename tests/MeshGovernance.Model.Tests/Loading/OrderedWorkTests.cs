using MeshGovernance.Model.Loading;

namespace MeshGovernance.Model.Tests.Loading;

public sealed class OrderedWorkTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(OrderedWork.MinimumForParallel - 1)]
    [InlineData(OrderedWork.MinimumForParallel)]
    [InlineData(5_000)]
    public void Results_keep_the_order_of_the_items_on_one_thread_or_many(int count)
    {
        var items = Enumerable.Range(0, count).ToList();

        var results = OrderedWork.Select(items, i => i * 3);

        Assert.Equal(items.Select(i => i * 3), results);
    }

    [Fact]
    public void A_short_list_is_mapped_on_the_calling_thread()
    {
        var caller = Environment.CurrentManagedThreadId;

        var threads = OrderedWork.Select(Enumerable.Range(0, OrderedWork.MinimumForParallel - 1).ToList(), _ => Environment.CurrentManagedThreadId);

        Assert.All(threads, thread => Assert.Equal(caller, thread));
    }
}
