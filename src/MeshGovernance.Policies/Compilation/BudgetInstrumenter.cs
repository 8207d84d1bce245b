using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace MeshGovernance.Policies.Compilation;

/// <summary>
/// Weaves the budget into a policy: a <see cref="Scripting.PolicyBudget.Tick"/> call at the top of every loop
/// body and every method, local function, accessor and lambda (so endless loops and endless recursion are
/// stopped), and a filter on every catch so a policy cannot swallow its own stop. Expression bodies become
/// blocks, which is why the semantic model is needed: a void lambda and a value lambda convert differently.
/// </summary>
internal sealed class BudgetInstrumenter(SemanticModel model) : CSharpSyntaxRewriter
{
    private const string Budget = "global::MeshGovernance.Policies.Scripting.PolicyBudget";
    private static readonly StatementSyntax TickStatement = ParseStatement(Budget + ".Tick();");
    private static readonly ExpressionSyntax MayCatch = ParseExpression(Budget + ".MayCatch()");

    public static SyntaxNode Instrument(SyntaxTree tree, SemanticModel model) => new BudgetInstrumenter(model).Visit(tree.GetRoot());

    public override SyntaxNode? VisitWhileStatement(WhileStatementSyntax node)
    {
        var visited = (WhileStatementSyntax)base.VisitWhileStatement(node)!;
        return visited.WithStatement(WithTick(visited.Statement));
    }

    public override SyntaxNode? VisitDoStatement(DoStatementSyntax node)
    {
        var visited = (DoStatementSyntax)base.VisitDoStatement(node)!;
        return visited.WithStatement(WithTick(visited.Statement));
    }

    public override SyntaxNode? VisitForStatement(ForStatementSyntax node)
    {
        var visited = (ForStatementSyntax)base.VisitForStatement(node)!;
        return visited.WithStatement(WithTick(visited.Statement));
    }

    public override SyntaxNode? VisitForEachStatement(ForEachStatementSyntax node)
    {
        var visited = (ForEachStatementSyntax)base.VisitForEachStatement(node)!;
        return visited.WithStatement(WithTick(visited.Statement));
    }

    public override SyntaxNode? VisitForEachVariableStatement(ForEachVariableStatementSyntax node)
    {
        var visited = (ForEachVariableStatementSyntax)base.VisitForEachVariableStatement(node)!;
        return visited.WithStatement(WithTick(visited.Statement));
    }

    public override SyntaxNode? VisitMethodDeclaration(MethodDeclarationSyntax node) =>
        WithBodyTick((BaseMethodDeclarationSyntax)base.VisitMethodDeclaration(node)!, model.GetDeclaredSymbol(node)?.ReturnsVoid ?? false);

    public override SyntaxNode? VisitConstructorDeclaration(ConstructorDeclarationSyntax node) =>
        WithBodyTick((BaseMethodDeclarationSyntax)base.VisitConstructorDeclaration(node)!, returnsVoid: true);

    public override SyntaxNode? VisitDestructorDeclaration(DestructorDeclarationSyntax node) =>
        WithBodyTick((BaseMethodDeclarationSyntax)base.VisitDestructorDeclaration(node)!, returnsVoid: true);

    public override SyntaxNode? VisitOperatorDeclaration(OperatorDeclarationSyntax node) =>
        WithBodyTick((BaseMethodDeclarationSyntax)base.VisitOperatorDeclaration(node)!, returnsVoid: false);

    public override SyntaxNode? VisitConversionOperatorDeclaration(ConversionOperatorDeclarationSyntax node) =>
        WithBodyTick((BaseMethodDeclarationSyntax)base.VisitConversionOperatorDeclaration(node)!, returnsVoid: false);

    public override SyntaxNode? VisitLocalFunctionStatement(LocalFunctionStatementSyntax node)
    {
        var returnsVoid = (model.GetDeclaredSymbol(node) as IMethodSymbol)?.ReturnsVoid ?? false;
        var visited = (LocalFunctionStatementSyntax)base.VisitLocalFunctionStatement(node)!;
        return visited.Body is { } body
            ? visited.WithBody(Prepend(body))
            : visited.ExpressionBody is { } arrow
                ? visited.WithExpressionBody(null).WithSemicolonToken(default).WithBody(FromExpression(arrow.Expression, returnsVoid))
                : visited;
    }

    public override SyntaxNode? VisitAccessorDeclaration(AccessorDeclarationSyntax node)
    {
        var returnsVoid = !node.IsKind(SyntaxKind.GetAccessorDeclaration);
        var visited = (AccessorDeclarationSyntax)base.VisitAccessorDeclaration(node)!;
        return visited.Body is { } body
            ? visited.WithBody(Prepend(body))
            : visited.ExpressionBody is { } arrow
                ? visited.WithExpressionBody(null).WithSemicolonToken(default).WithBody(FromExpression(arrow.Expression, returnsVoid))
                : visited;
    }

    public override SyntaxNode? VisitPropertyDeclaration(PropertyDeclarationSyntax node)
    {
        var type = node.Initializer is null ? null : model.GetDeclaredSymbol(node)?.Type;
        var visited = (PropertyDeclarationSyntax)base.VisitPropertyDeclaration(node)!;
        if (type is not null && visited.Initializer is { } initializer)
        {
            visited = visited.WithInitializer(initializer.WithValue(Guarded(initializer.Value, type)));
        }

        return visited.ExpressionBody is { } arrow
            ? visited.WithExpressionBody(null).WithSemicolonToken(default).WithAccessorList(Getter(arrow.Expression))
            : visited;
    }

    public override SyntaxNode? VisitIndexerDeclaration(IndexerDeclarationSyntax node)
    {
        var visited = (IndexerDeclarationSyntax)base.VisitIndexerDeclaration(node)!;
        return visited.ExpressionBody is { } arrow
            ? visited.WithExpressionBody(null).WithSemicolonToken(default).WithAccessorList(Getter(arrow.Expression))
            : visited;
    }

    public override SyntaxNode? VisitSimpleLambdaExpression(SimpleLambdaExpressionSyntax node)
    {
        var returnsVoid = LambdaReturnsVoid(node);
        var visited = (SimpleLambdaExpressionSyntax)base.VisitSimpleLambdaExpression(node)!;
        return visited.Block is { } block
            ? visited.WithBlock(Prepend(block))
            : visited.WithExpressionBody(null).WithBlock(FromExpression(visited.ExpressionBody!, returnsVoid));
    }

    public override SyntaxNode? VisitParenthesizedLambdaExpression(ParenthesizedLambdaExpressionSyntax node)
    {
        var returnsVoid = LambdaReturnsVoid(node);
        var visited = (ParenthesizedLambdaExpressionSyntax)base.VisitParenthesizedLambdaExpression(node)!;
        return visited.Block is { } block
            ? visited.WithBlock(Prepend(block))
            : visited.WithExpressionBody(null).WithBlock(FromExpression(visited.ExpressionBody!, returnsVoid));
    }

    public override SyntaxNode? VisitAnonymousMethodExpression(AnonymousMethodExpressionSyntax node)
    {
        var visited = (AnonymousMethodExpressionSyntax)base.VisitAnonymousMethodExpression(node)!;
        return visited.WithBlock(Prepend(visited.Block));
    }

    public override SyntaxNode? VisitVariableDeclarator(VariableDeclaratorSyntax node)
    {
        var type = node.Parent?.Parent is FieldDeclarationSyntax field && !field.Modifiers.Any(m => m.IsKind(SyntaxKind.ConstKeyword))
            ? (model.GetDeclaredSymbol(node) as IFieldSymbol)?.Type
            : null;
        var visited = (VariableDeclaratorSyntax)base.VisitVariableDeclarator(node)!;
        return type is not null && visited.Initializer is { } initializer
            ? visited.WithInitializer(initializer.WithValue(Guarded(initializer.Value, type)))
            : visited;
    }

    public override SyntaxNode? VisitCatchClause(CatchClauseSyntax node)
    {
        var visited = (CatchClauseSyntax)base.VisitCatchClause(node)!;
        var condition = visited.Filter is { } filter
            ? BinaryExpression(SyntaxKind.LogicalAndExpression, MayCatch, ParenthesizedExpression(filter.FilterExpression))
            : MayCatch;
        return visited.WithFilter(CatchFilterClause(
            Token(SyntaxKind.WhenKeyword).WithLeadingTrivia(Space).WithTrailingTrivia(Space),
            Token(SyntaxKind.OpenParenToken),
            condition,
            Token(SyntaxKind.CloseParenToken)));
    }

    /// <summary>A method, constructor, destructor or operator with the tick first in its body (an expression body becomes a block).</summary>
    private static SyntaxNode WithBodyTick(BaseMethodDeclarationSyntax visited, bool returnsVoid) =>
        visited.Body is { } body
            ? visited.WithBody(Prepend(body))
            : visited.ExpressionBody is { } arrow
                ? visited.WithExpressionBody(null).WithSemicolonToken(default).WithBody(FromExpression(arrow.Expression, returnsVoid))
                : visited;

    /// <summary><c>PolicyBudget.Guard&lt;T&gt;(() =&gt; value)</c>: a check before an initializer runs (it may recurse into a constructor).</summary>
    private static ExpressionSyntax Guarded(ExpressionSyntax value, ITypeSymbol type) =>
        InvocationExpression(
            ParseExpression($"{Budget}.Guard<{type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)}>"),
            ArgumentList(SingletonSeparatedList(Argument(ParenthesizedLambdaExpression(value)))));

    private bool LambdaReturnsVoid(LambdaExpressionSyntax node) =>
        model.GetSymbolInfo(node).Symbol is IMethodSymbol { ReturnsVoid: true };

    private static StatementSyntax WithTick(StatementSyntax body) =>
        body is BlockSyntax block ? Prepend(block) : Block(TickStatement, body);

    private static BlockSyntax Prepend(BlockSyntax block) => block.WithStatements(block.Statements.Insert(0, TickStatement));

    private static BlockSyntax FromExpression(ExpressionSyntax expression, bool returnsVoid)
    {
        StatementSyntax statement = expression switch
        {
            ThrowExpressionSyntax thrown => ThrowStatement(Token(SyntaxKind.ThrowKeyword).WithTrailingTrivia(Space), thrown.Expression, Token(SyntaxKind.SemicolonToken)),
            _ when returnsVoid => ExpressionStatement(expression),
            _ => ReturnStatement(Token(SyntaxKind.ReturnKeyword).WithTrailingTrivia(Space), expression, Token(SyntaxKind.SemicolonToken)),
        };
        return Block(TickStatement, statement);
    }

    private static AccessorListSyntax Getter(ExpressionSyntax expression) =>
        AccessorList(SingletonList(AccessorDeclaration(SyntaxKind.GetAccessorDeclaration).WithBody(FromExpression(expression, returnsVoid: false))));
}
