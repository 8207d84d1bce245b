using MeshGovernance.Cli;

return new MeshgovApp(Console.Out, Console.Error).Run(args);
