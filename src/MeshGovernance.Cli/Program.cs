using MeshGovernance.Cli;
using MeshGovernance.Policies.Isolation;

// The hidden worker: policies run in a child process of meshgov, which speaks only the worker protocol.
if (args is [PolicyWorker.Command])
{
    return PolicyWorker.Serve(Console.OpenStandardInput(), Console.OpenStandardOutput());
}

return await new MeshgovApp(Console.Out, Console.Error).RunAsync(args, CancellationToken.None);
