using System.Text;
using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Policies.Metadata;
using MeshGovernance.Policies.Scripting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Diagnostic = MeshGovernance.Model.Diagnostics.Diagnostic;
using DiagnosticDescriptor = MeshGovernance.Model.Diagnostics.DiagnosticDescriptor;

namespace MeshGovernance.Policies.Compilation;

/// <summary>
/// Compiles one policy script with Roslyn: directives, compile errors and restrictions are checked on the
/// script as written (so positions are the author's), then the budget is woven in and the result emitted.
/// Only the cold path of <see cref="PolicyAssemblyProvider"/> reaches this class, so a warm run never loads Roslyn.
/// </summary>
internal static class PolicyCompiler
{
    private const int MaxReportedErrors = 20;

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Script);

    public static (byte[]? Image, IReadOnlyList<Diagnostic> Diagnostics) Compile(PolicySource source, string policyId, string assemblyName)
    {
        var tree = CSharpSyntaxTree.ParseText(source.Text, ParseOptions, source.Path, Encoding.UTF8);
        var compilation = Create(assemblyName, tree, new ScriptLoadResolver(source.Path, source.FullPath, source.LoadFolder));
        string Display(string path) => DisplayPath(source, path);

        var tooDeep = compilation.SyntaxTrees.Select(t => SyntaxDepth.TooDeep(t.GetRoot())).FirstOrDefault(n => n is not null);
        if (tooDeep is not null)
        {
            return (null, [Create(DiagnosticCatalog.PolicyCompileError, tooDeep.GetLocation(),
                $"The policy's code is nested more than {SyntaxDepth.MaxDepth} levels deep here, which the compiler is not asked to bind. Split the expression with local variables or methods.", Display, policyId)]);
        }

        var directiveErrors = Directives(compilation, source, Display, policyId);
        var errors = compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Take(MaxReportedErrors)
            .Select(d => Create(DiagnosticCatalog.PolicyCompileError, d.Location, $"{d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}", Display, policyId))
            .ToList();
        if (directiveErrors.Count > 0 || errors.Count > 0)
        {
            // A refused #load also surfaces as the compiler's "could not be found"; the refusal says why.
            return (null, directiveErrors.Count > 0 ? directiveErrors.Concat(errors.Where(e => !e.Message.StartsWith("CS1504", StringComparison.Ordinal))).ToList() : errors);
        }

        var violations = ScriptRestrictions.Check(compilation)
            .Select(v => Create(DiagnosticCatalog.PolicyRestrictedApi, v.Location, v.Message, Display, policyId))
            .ToList();
        if (violations.Count > 0)
        {
            return (null, violations);
        }

        return Emit(source, policyId, assemblyName, tree, compilation);
    }

    private static (byte[]?, IReadOnlyList<Diagnostic>) Emit(PolicySource source, string policyId, string assemblyName, SyntaxTree tree, CSharpCompilation checkedCompilation)
    {
        var instrumentedMain = BudgetInstrumenter.Instrument(tree, checkedCompilation.GetSemanticModel(tree));
        var loaded = checkedCompilation.SyntaxTrees
            .Where(t => t != tree)
            .ToDictionary(t => t.FilePath, t => BudgetInstrumenter.Instrument(t, checkedCompilation.GetSemanticModel(t)).ToFullString(), StringComparer.Ordinal);
        var instrumentedTree = CSharpSyntaxTree.Create((CSharpSyntaxNode)instrumentedMain, ParseOptions, source.Path, Encoding.UTF8);
        var compilation = Create(assemblyName, instrumentedTree, new ScriptLoadResolver(source.Path, source.FullPath, source.LoadFolder, loaded));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        if (!result.Success)
        {
            var first = result.Diagnostics.First(d => d.Severity == DiagnosticSeverity.Error);
            return (null, [DiagnosticCatalog.PolicyCompileError.Create(
                SourceSpan.StartOf(source.Path),
                $"meshgov could not weave its time and memory checks into this policy ({first.Id}: {first.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}). This is a defect in meshgov; please report it with the policy.",
                policyId)]);
        }

        return (image.ToArray(), []);
    }

    private static CSharpCompilation Create(string assemblyName, SyntaxTree tree, SourceReferenceResolver resolver)
    {
        var options = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            usings: ScriptReferences.Usings,
            optimizationLevel: OptimizationLevel.Release,
            allowUnsafe: false,
            deterministic: true,
            sourceReferenceResolver: resolver,
            metadataReferenceResolver: null,
            scriptClassName: PolicyAssemblyProvider.ScriptClassName);
        return CSharpCompilation.CreateScriptCompilation(assemblyName, tree, ScriptReferences.All, options, previousScriptCompilation: null, typeof(object), typeof(PolicyGlobals));
    }

    /// <summary>#r is refused outright; #load only reaches .csx files inside the policies folder.</summary>
    private static List<Diagnostic> Directives(CSharpCompilation compilation, PolicySource source, Func<string, string> display, string policyId)
    {
        var errors = new List<Diagnostic>();
        foreach (var syntaxTree in compilation.SyntaxTrees)
        {
            var root = (CompilationUnitSyntax)syntaxTree.GetRoot();
            foreach (var reference in root.GetReferenceDirectives())
            {
                errors.Add(Create(DiagnosticCatalog.PolicyDirectiveRefused, reference.GetLocation(),
                    $"'#r {reference.File.ValueText}' is refused: policies may not reference assemblies, whose code would escape the checks every policy goes through.", display, policyId));
            }

            var baseFile = syntaxTree.FilePath == source.Path ? source.FullPath : syntaxTree.FilePath;
            foreach (var load in root.GetLoadDirectives())
            {
                var path = load.File.ValueText;
                if (EditorGlobals.IsEditorGlobals(path))
                {
                    continue;
                }

                if (baseFile is null || ScriptIncludes.Resolve(path, Path.GetDirectoryName(baseFile)!, source.LoadFolder) is null)
                {
                    var why = source.LoadFolder is null ? "built-in policies load nothing"
                        : path.Any(char.IsControl) ? "a path with a control character names no file a policy may load"
                        : "'#load' only reaches .csx files that exist inside the policies folder (no links leaving it)";
                    var shown = string.Concat(path.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
                    errors.Add(Create(DiagnosticCatalog.PolicyDirectiveRefused, load.GetLocation(), $"'#load \"{shown}\"' is refused: {why}.", display, policyId));
                }
            }
        }

        return errors;
    }

    private static Diagnostic Create(DiagnosticDescriptor descriptor, Location location, string message, Func<string, string> display, string policyId)
    {
        var span = location.GetLineSpan();
        var file = span.Path is { Length: > 0 } path ? display(path) : "policy";
        return descriptor.Create(
            new SourceSpan(file, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1, span.EndLinePosition.Line + 1, span.EndLinePosition.Character + 1),
            message,
            policyId);
    }

    /// <summary>Repo-relative paths for diagnostics in files a policy loads (the compiler knows them by full path).</summary>
    private static string DisplayPath(PolicySource source, string path)
    {
        if (path == source.Path || source.FullPath is null || !source.FullPath.EndsWith(source.Path, StringComparison.Ordinal))
        {
            return path;
        }

        var root = source.FullPath[..^source.Path.Length];
        return Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
    }
}
