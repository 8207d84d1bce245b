using MeshGovernance.Policies.Compilation;

// Usage: PolicyPackCompiler OUT_DIR. Compiles the built-in pack into OUT_DIR as policy-cache entries (<key>.dll).
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: PolicyPackCompiler OUT_DIR");
    return 2;
}

var folder = Path.GetFullPath(args[0]);
if (Directory.Exists(folder))
{
    Directory.Delete(folder, recursive: true);
}

Directory.CreateDirectory(folder);
var (compiled, problems) = BuiltInPackPrecompiler.CompileInto(folder);
foreach (var problem in problems)
{
    Console.Error.WriteLine($"{problem.Span}: error {problem.Id}: {problem.Message}");
}

Console.WriteLine($"Compiled {compiled} built-in policies into {folder}.");
return problems.Count > 0 || compiled == 0 ? 1 : 0;
