using System.Diagnostics;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using MeshGovernance.Bench.SchemaValidation;

// --cold OPTION (njsonschema, jsonschemanet, compiled): the first preparation of the ten schemas in this fresh
// process, JIT included, and then the first validation of one synthetic contract, as a cold `meshgov` run pays them.
if (args is ["--cold", var option])
{
    var clock = Stopwatch.StartNew();
    Func<BenchDocument, int> validate = option switch
    {
        "njsonschema" => NJsonSchemaPath.Prepare().Validate,
        "jsonschemanet" => JsonSchemaNetPath.Prepare().Validate,
        "compiled" => CompiledPath.Prepare() is var compiled ? d => compiled.Accepts(d) ? 0 : 1 : throw new UnreachableException(),
        _ => throw new ArgumentException($"unknown option '{option}'"),
    };
    var prepared = clock.Elapsed;
    var document = BenchDocuments.Load(BenchDocuments.SyntheticContracts)[0];
    clock.Restart();
    validate(document);
    Console.WriteLine($"{option}: prepare {prepared.TotalMilliseconds:0} ms, first validation {clock.Elapsed.TotalMilliseconds:0.0} ms");
    return 0;
}

// In process: this build (and its NJsonSchema version, -p:NJsonSchemaVersion=…) is the one measured.
var config = ManualConfig.Create(DefaultConfig.Instance)
    .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId($"ShortRun-NJsonSchema-{NJsonSchemaPath.Version}"));
BenchmarkSwitcher.FromAssembly(typeof(DocumentValidation).Assembly).Run(args, config);
return 0;
