using MeshGovernance.Cli;

// Before any regular expression exists: a policy's pattern that backtracks without end must time out, not hang the check.
AppDomain.CurrentDomain.SetData("REGEX_DEFAULT_MATCH_TIMEOUT", TimeSpan.FromSeconds(2));

return new MeshgovApp(Console.Out, Console.Error).Run(args);
