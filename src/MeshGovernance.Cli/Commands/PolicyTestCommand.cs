using System.CommandLine;
using MeshGovernance.Model.Loading;
using MeshGovernance.Policies.BuiltIn;
using MeshGovernance.Policies.Engine;
using MeshGovernance.Policies.Testing;
using MeshGovernance.Reports;

namespace MeshGovernance.Cli.Commands;

/// <summary>
/// <c>meshgov policy test</c>: runs the test cases next to each policy (<c>&lt;id&gt;.tests.yaml</c>) and prints
/// a readable difference for each case whose findings differ from the ones expected.
/// </summary>
internal static class PolicyTestCommand
{
    public static Command Create(TextWriter output, TextWriter error, PolicyWorkers workers)
    {
        var repository = CommonOptions.Repository();
        var only = new Option<string?>("--policy", "-p")
        {
            Description = "Run the tests of this policy only.",
            HelpName = "ID",
        };
        var noBuiltIn = new Option<bool>("--no-builtin")
        {
            Description = "Skip the built-in pack's tests; run only governance/policies/.",
        };
        var policyOptions = new PolicyOptions(workers);
        var command = new Command("test", "Run the policies' test cases: governance/policies/<id>.tests.yaml beside each policy, and the built-in pack's own. Exit code 0 when every case passes, 1 when one fails.")
        {
            repository,
            only,
            noBuiltIn,
        };
        policyOptions.AddTo(command);
        command.SetAction(parse =>
        {
            var root = parse.GetValue(repository)!;
            if (!CommonOptions.RepositoryExists(root, error) || policyOptions.Read(parse, root.FullName, error) is not { } options)
            {
                return ExitCodes.UsageOrConfiguration;
            }

            var policyId = parse.GetValue(only);
            var reports = new List<(string Label, PolicyTestReport Report)>();
            if (!parse.GetValue(noBuiltIn))
            {
                reports.Add(("built-in", PolicyTestRunner.Run(BuiltInPolicies.Sources, PolicyTestFiles.BuiltIn, options, policyId)));
            }

            var layout = RepositoryScanner.Scan(root.FullName);
            if (layout.PolicyScripts.Count > 0)
            {
                var folder = layout.PolicyScripts[0].FolderFullPath;
                var sources = PolicySet.ReadScripts(layout.PolicyScripts, out var unreadable);
                var report = PolicyTestRunner.Run(sources, PolicyTestFiles.Folder(folder), options, policyId);
                reports.Add(("governance/policies", report with { Errors = [.. unreadable.Select(d => $"{d.Span}: {d.Message}"), .. report.Errors] }));
            }

            return Print(reports, policyId, output, error);
        });
        return command;
    }

    private static int Print(List<(string Label, PolicyTestReport Report)> reports, string? policyId, TextWriter output, TextWriter error)
    {
        var cases = reports.SelectMany(r => r.Report.Cases).ToList();
        foreach (var result in cases)
        {
            // Names and messages come from the repository: one line each, so none can forge a CI log command.
            output.WriteLine($"{(result.Passed ? "PASS" : "FAIL")} {TextReportWriter.OneLine(result.PolicyId)}: {TextReportWriter.OneLine(result.CaseName)}");
            foreach (var problem in result.Problems)
            {
                output.WriteLine("    " + TextReportWriter.OneLine(problem));
            }
        }

        foreach (var (label, report) in reports)
        {
            foreach (var problem in report.Errors)
            {
                output.WriteLine($"ERROR {label}: {TextReportWriter.OneLine(problem)}");
            }

            foreach (var id in report.Untested)
            {
                output.WriteLine($"WARN {TextReportWriter.OneLine(id)}: has no tests; add {TextReportWriter.OneLine(id)}.tests.yaml beside it.");
            }
        }

        if (cases.Count == 0 && policyId is not null)
        {
            error.WriteLine($"error: --policy: no policy '{policyId}' with tests was found.");
            return ExitCodes.UsageOrConfiguration;
        }

        var failed = cases.Count(c => !c.Passed);
        var errors = reports.Sum(r => r.Report.Errors.Count);
        output.WriteLine(new string('-', 80));
        output.WriteLine($"PASS: {cases.Count - failed}/{cases.Count}" + (failed > 0 ? $"  FAIL: {failed}" : string.Empty) + (errors > 0 ? $"  ERROR: {errors}" : string.Empty));
        return failed > 0 || errors > 0 ? ExitCodes.Findings : ExitCodes.Success;
    }
}
