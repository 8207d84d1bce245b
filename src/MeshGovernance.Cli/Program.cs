using MeshGovernance.Cli;
using MeshGovernance.Policies.Compilation;
using MeshGovernance.Policies.Isolation;

// The hidden worker: policies run in a child process of meshgov, which speaks only the worker protocol.
if (args is [PolicyWorker.Command])
{
    return PolicyWorker.Serve(Console.OpenStandardInput(), Console.OpenStandardOutput(), PrecompiledPolicies.EmbeddedIn(typeof(MeshgovApp).Assembly));
}

return await new MeshgovApp(Console.Out, Console.Error).RunAsync(args, CancellationToken.None);
