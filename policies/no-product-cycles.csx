// ---
// id: no-product-cycles
// title: Data products do not depend on each other in a cycle
// enforcement: hard-mandatory
// category: architecture
// rationale: >-
//   Products in a dependency cycle can neither be built from scratch nor changed safely: each one waits for
//   another, a backfill never settles, and a breaking change anywhere in the loop comes back to its author.
//   The mesh's lineage is only understandable, and its products only independently deployable, while the
//   consumer graph has no cycles.
// scope: products
// ---
// The graph: product -> the products whose output ports deliver a contract it consumes (first port per pair).
var products = Mesh.Products.ToList();
var index = new Dictionary<DataProduct, int>(ReferenceEqualityComparer.Instance);
for (var i = 0; i < products.Count; i++)
{
    index[products[i]] = i;
}

var successors = products.Select(_ => new List<(int To, InputPort Port, DataContract Contract)>()).ToList();
var predecessors = products.Select(_ => new List<int>()).ToList();
foreach (var edge in Mesh.ConsumerEdges)
{
    var from = index[edge.Consumer];
    foreach (var provider in edge.Providers)
    {
        var to = index[provider];
        if (successors[from].All(s => s.To != to))
        {
            successors[from].Add((to, edge.Port, edge.Contract));
            predecessors[to].Add(from);
        }
    }
}

// Strongly connected components (Kosaraju, without recursion): first the finishing order...
var visited = new bool[products.Count];
var finished = new List<int>();
for (var start = 0; start < products.Count; start++)
{
    if (visited[start])
    {
        continue;
    }

    visited[start] = true;
    var stack = new Stack<(int Node, int Next)>();
    stack.Push((start, 0));
    while (stack.Count > 0)
    {
        var (node, next) = stack.Pop();
        if (next < successors[node].Count)
        {
            stack.Push((node, next + 1));
            var to = successors[node][next].To;
            if (!visited[to])
            {
                visited[to] = true;
                stack.Push((to, 0));
            }
        }
        else
        {
            finished.Add(node);
        }
    }
}

// ...then the components, on the reversed graph in reverse finishing order.
var component = Enumerable.Repeat(-1, products.Count).ToArray();
var components = new List<List<int>>();
for (var k = finished.Count - 1; k >= 0; k--)
{
    if (component[finished[k]] >= 0)
    {
        continue;
    }

    var members = new List<int>();
    var pending = new Stack<int>();
    pending.Push(finished[k]);
    component[finished[k]] = components.Count;
    while (pending.Count > 0)
    {
        var node = pending.Pop();
        members.Add(node);
        foreach (var from in predecessors[node].Where(f => component[f] < 0))
        {
            component[from] = components.Count;
            pending.Push(from);
        }
    }

    components.Add(members);
}

// One finding per cycle group, on its first product by id: the shortest cycle through it, found breadth first.
foreach (var members in components)
{
    var group = component[members[0]];
    var first = members.OrderBy(m => products[m].Id, StringComparer.Ordinal).First();
    if (members.Count == 1 && successors[first].All(s => s.To != first))
    {
        continue;
    }

    var parent = new Dictionary<int, (int From, InputPort Port, DataContract Contract)>();
    var queue = new Queue<int>();
    queue.Enqueue(first);
    (int From, InputPort Port, DataContract Contract)? closing = null;
    while (queue.Count > 0 && closing is null)
    {
        var node = queue.Dequeue();
        foreach (var step in successors[node].Where(s => component[s.To] == group))
        {
            if (step.To == first)
            {
                closing = (node, step.Port, step.Contract);
                break;
            }

            if (!parent.ContainsKey(step.To))
            {
                parent[step.To] = (node, step.Port, step.Contract);
                queue.Enqueue(step.To);
            }
        }
    }

    // Walk back from the product that closes the cycle to the first one.
    var steps = new List<(int From, int To, InputPort Port, DataContract Contract)>();
    var (last, lastPort, lastContract) = closing!.Value;
    steps.Add((last, first, lastPort, lastContract));
    for (var node = last; node != first; node = parent[node].From)
    {
        var (from, port, contract) = parent[node];
        steps.Add((from, node, port, contract));
    }

    steps.Reverse();
    var opening = steps[0];
    var chain = string.Join(", ", steps.Select(s => $"'{products[s.From].Id}' consumes '{s.Contract.Id}' from '{products[s.To].Id}'"));
    var path = string.Join(" -> ", steps.Select(s => products[s.From].Id).Append(products[first].Id));
    var others = members.Where(m => steps.All(s => s.From != m)).Select(m => products[m].Id).Order(StringComparer.Ordinal).ToList();
    var more = others.Count > 0 ? $" The loop also takes in {string.Join(", ", others.Select(o => "'" + o + "'"))}." : string.Empty;
    var message = steps.Count == 1
        ? $"Data product '{products[first].Id}' consumes its own contract '{opening.Contract.Id}' through input port '{opening.Port.Name}'; a product reads its own output internally, not through a port. Remove the input port.{more}"
        : $"Data products depend on each other in a cycle ({path}): {chain}.{more} Break the cycle: move the shared logic into one product, or split a product so that the data flows one way.";
    Fail(opening.Port, "contractId", message);
}
