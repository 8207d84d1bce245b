using Microsoft.CodeAnalysis;

namespace MeshGovernance.Policies.Compilation;

/// <summary>
/// Refuses syntax nested deeper than any policy needs before the compiler binds it: binding and the checks
/// after it recurse on nesting, so 10,000 nested parentheses or a 50,000-term sum would overflow their stack or
/// take quadratic time. Measured iteratively, so the measure itself cannot overflow.
/// </summary>
internal static class SyntaxDepth
{
    /// <summary>Far deeper than written code goes (a long LINQ chain is ~100), far below what the binder survives.</summary>
    public const int MaxDepth = 500;

    /// <summary>The first node deeper than <see cref="MaxDepth"/>, or null.</summary>
    public static SyntaxNode? TooDeep(SyntaxNode root)
    {
        var pending = new Stack<(SyntaxNode Node, int Depth)>();
        pending.Push((root, 0));
        while (pending.Count > 0)
        {
            var (node, depth) = pending.Pop();
            if (depth > MaxDepth)
            {
                return node;
            }

            foreach (var child in node.ChildNodes())
            {
                pending.Push((child, depth + 1));
            }
        }

        return null;
    }
}
