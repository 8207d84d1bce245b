using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MeshGovernance.Policies.Compilation;

/// <summary>
/// Checks a compiled policy against the surface policies may use, on the semantic model, before it ever runs.
/// An allow-list of namespaces (reading the mesh and computing), minus the types in them that reach the
/// process, the machine or reflection; and the language features that escape the budgets or the type system.
/// </summary>
internal static class ScriptRestrictions
{
    private static readonly HashSet<string> AllowedNamespaces =
    [
        "System",
        "System.Linq",
        "System.Collections",
        "System.Collections.Generic",
        "System.Collections.ObjectModel",
        "System.Text",
        "System.Text.RegularExpressions",
        "System.Globalization",
        "MeshGovernance.Model.Graph",
        "MeshGovernance.Model.Yaml",
        "MeshGovernance.Model.Diagnostics",
        "MeshGovernance.Policies.Scripting",
        "MeshGovernance.Contracts",
    ];

    /// <summary>Types of allowed namespaces that reach the environment, the process or reflection.</summary>
    private static readonly HashSet<string> DeniedTypes =
    [
        "System.Environment", "System.AppDomain", "System.AppContext", "System.Activator", "System.Console",
        "System.GC", "System.Type", "System.TypedReference", "System.ArgIterator", "System.RuntimeArgumentHandle",
        "System.RuntimeTypeHandle", "System.RuntimeMethodHandle", "System.RuntimeFieldHandle", "System.ModuleHandle",
        "System.Runtime.InteropServices.Marshal", "System.Linq.Queryable", "System.Linq.IQueryable",
        "System.Linq.IQueryable`1", "System.Linq.EnumerableExecutor", "System.Linq.EnumerableQuery",
        "System.Text.RegularExpressions.RegexCompilationInfo", "System.Progress`1",
    ];

    public static IReadOnlyList<(Location Location, string Message, bool Directive)> Check(CSharpCompilation compilation)
    {
        var violations = new List<(Location, string, bool)>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            var seen = new HashSet<(int, string)>();
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                if (ForbiddenSyntax(node) is { } feature)
                {
                    Report(node.GetLocation(), feature);
                    continue;
                }

                if (WrittenTargets(node).Select(target => ProcessWideSetting(model.GetSymbolInfo(target).Symbol)).FirstOrDefault(s => s is not null) is { } setting)
                {
                    Report(node.GetLocation(), $"'{setting}', a setting of the whole process, which other policies would see");
                    continue;
                }

                if (node is InvocationExpressionSyntax && model.GetSymbolInfo(node).Symbol is IMethodSymbol { IsStatic: true } registration
                    && ProcessWideRegistrations.Contains(registration.ContainingType.ToDisplayString() + "." + registration.Name))
                {
                    Report(node.GetLocation(), $"'{registration.ContainingType.ToDisplayString()}.{registration.Name}', a registration for the whole process, whose code meshgov itself would run");
                    continue;
                }

                if (node is not (ExpressionSyntax or AttributeSyntax))
                {
                    continue;
                }

                var symbol = model.GetSymbolInfo(node).Symbol;
                if (symbol is not null && Forbidden(symbol) is { } name)
                {
                    Report(node.GetLocation(), $"'{name}', which is outside what policies may use");
                }
                else if (node is ExpressionSyntax && model.GetTypeInfo(node).Type is { } type && Forbidden(type) is { } typeName)
                {
                    Report(node.GetLocation(), $"a value of type '{typeName}', which is outside what policies may use");
                }
            }

            void Report(Location location, string what)
            {
                var line = location.GetLineSpan().StartLinePosition.Line;
                if (seen.Add((line, what)))
                {
                    violations.Add((location, $"The policy uses {what}: policies read the mesh and compute, and may not touch files, network, processes, environment variables, the console, reflection, interop or threads.", false));
                }
            }
        }

        return violations;
    }

    private static string? ForbiddenSyntax(SyntaxNode node) => node switch
    {
        UnsafeStatementSyntax or FixedStatementSyntax or PointerTypeSyntax or FunctionPointerTypeSyntax => "unsafe code",
        StackAllocArrayCreationExpressionSyntax or ImplicitStackAllocArrayCreationExpressionSyntax => "stackalloc",
        GotoStatementSyntax => "goto (use a loop, which the time budget can stop)",
        DestructorDeclarationSyntax => "a finalizer (it would run on the runtime's thread, outside the policy's budget)",
        RecordDeclarationSyntax => "a record (its compiler-written Equals, GetHashCode and ToString run outside the budget; use a class or a tuple)",
        AwaitExpressionSyntax => "await (policies run synchronously)",
        LockStatementSyntax => "lock (policies do not use threads)",
        MakeRefExpressionSyntax or RefTypeExpressionSyntax or RefValueExpressionSyntax => "__makeref/__reftype/__refvalue",
        IdentifierNameSyntax { Identifier.Text: "__arglist" } => "__arglist",
        MemberDeclarationSyntax member when member.Modifiers.Any(m => m.IsKind(SyntaxKind.ExternKeyword) || m.IsKind(SyntaxKind.UnsafeKeyword)) => "extern or unsafe members",
        LocalFunctionStatementSyntax local when local.Modifiers.Any(m => m.IsKind(SyntaxKind.ExternKeyword) || m.IsKind(SyntaxKind.UnsafeKeyword) || m.IsKind(SyntaxKind.AsyncKeyword)) => "extern, unsafe or async functions",
        MethodDeclarationSyntax method when method.Modifiers.Any(m => m.IsKind(SyntaxKind.AsyncKeyword)) => "async methods (policies run synchronously)",
        AnonymousFunctionExpressionSyntax lambda when lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword) => "async lambdas (policies run synchronously)",
        _ => null,
    };

    /// <summary>Library methods that register code or settings for the whole process.</summary>
    private static readonly HashSet<string> ProcessWideRegistrations =
    [
        "System.Text.Encoding.RegisterProvider",
    ];

    /// <summary>
    /// What a node writes to: the left of an assignment (each element of a deconstruction), the operand of
    /// <c>++</c>/<c>--</c>, and what a <c>ref</c> or <c>out</c> takes the address of, through which it can be written.
    /// </summary>
    private static IEnumerable<ExpressionSyntax> WrittenTargets(SyntaxNode node) => node switch
    {
        AssignmentExpressionSyntax assignment => Flatten(assignment.Left),
        PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression } prefix => [prefix.Operand],
        PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression or (int)SyntaxKind.PostDecrementExpression } postfix => [postfix.Operand],
        RefExpressionSyntax reference => [reference.Expression],
        ArgumentSyntax { RefKindKeyword.RawKind: (int)SyntaxKind.RefKeyword or (int)SyntaxKind.OutKeyword } argument => [argument.Expression],
        _ => [],
    };

    private static IEnumerable<ExpressionSyntax> Flatten(ExpressionSyntax target) => target is TupleExpressionSyntax tuple
        ? tuple.Arguments.SelectMany(a => Flatten(a.Expression))
        : [target];

    /// <summary>A static property or field of the libraries (CultureInfo.DefaultThreadCurrentCulture...) being assigned.</summary>
    private static string? ProcessWideSetting(ISymbol? symbol) => symbol switch
    {
        IPropertySymbol { IsStatic: true } or IFieldSymbol { IsStatic: true } when !symbol.Locations.Any(l => l.IsInSource) && symbol.ContainingType is { } type
            => type.ToDisplayString() + "." + symbol.Name,
        _ => null,
    };

    /// <summary>The name of what a symbol reaches that policies may not use, or null when it is allowed.</summary>
    private static string? Forbidden(ISymbol symbol)
    {
        switch (symbol)
        {
            case ILocalSymbol or IParameterSymbol or IRangeVariableSymbol or ILabelSymbol or INamespaceSymbol or IDiscardSymbol or IAliasSymbol:
                return null;
            case ITypeSymbol type:
                return Forbidden(type);
            case IMethodSymbol { ReducedFrom: { } extension }:
                return Forbidden(extension);
            case IMethodSymbol method when method.MethodKind is MethodKind.LambdaMethod or MethodKind.LocalFunction:
                return null;
        }

        if (symbol.ContainingType is { } containing && Forbidden(containing) is { } name)
        {
            return name + "." + symbol.Name;
        }

        return null;
    }

    private static string? Forbidden(ITypeSymbol type)
    {
        switch (type)
        {
            case IDynamicTypeSymbol:
                return "dynamic";
            case IPointerTypeSymbol or IFunctionPointerTypeSymbol:
                return type.ToDisplayString();
            case IArrayTypeSymbol array:
                return Forbidden(array.ElementType);
            case ITypeParameterSymbol or IErrorTypeSymbol:
                return null;
            case INamedTypeSymbol named:
                if (named.Locations.Any(l => l.IsInSource) || named.IsScriptClass || named.IsAnonymousType)
                {
                    return null;
                }

                var definition = named.OriginalDefinition;
                var outermost = definition;
                while (outermost.ContainingType is { } outer)
                {
                    outermost = outer;
                }

                var ns = outermost.ContainingNamespace?.ToDisplayString() ?? string.Empty;
                var metadataName = Qualified(definition);
                if (!AllowedNamespaces.Contains(ns) || DeniedTypes.Contains(metadataName) || DeniedTypes.Contains(Qualified(outermost)))
                {
                    return definition.ToDisplayString();
                }

                return named.TypeArguments.Select(Forbidden).FirstOrDefault(n => n is not null);
            default:
                return null;
        }
    }

    private static string Qualified(INamedTypeSymbol type)
    {
        var ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() + "." : string.Empty;
        var name = type.MetadataName;
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            name = outer.MetadataName + "+" + name;
        }

        return ns + name;
    }
}
