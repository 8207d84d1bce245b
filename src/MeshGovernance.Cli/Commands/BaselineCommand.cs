using System.CommandLine;
using MeshGovernance.Model.Loading;
using MeshGovernance.Model.Schemas;
using MeshGovernance.Policies.Baselines;
using MeshGovernance.Policies.Engine;

namespace MeshGovernance.Cli.Commands;

/// <summary>
/// <c>meshgov baseline</c>: records today's findings in governance/baseline.yaml, after which only new
/// findings fail a check; with <c>--prune</c>, only removes the entries whose findings are gone.
/// </summary>
internal static class BaselineCommand
{
    public static Command Create(TextWriter output, TextWriter error, PolicyWorkers workers)
    {
        var repository = CommonOptions.Repository();
        var prune = new Option<bool>("--prune")
        {
            Description = "Only remove the entries whose findings are gone (fixed, or their subject removed); record nothing new.",
        };
        var dryRun = new Option<bool>("--dry-run")
        {
            Description = "Print the baseline that would be written, and write nothing.",
        };
        var policyOptions = new PolicyOptions(workers);
        var command = new Command("baseline", $"Record the findings the repository has today in {BaselineFile.RepositoryPath}, so that a check reports them as existing debt and fails only on new ones (on main and in pull requests). Records policy findings that can be waived and the schema and reference errors of products, contracts, domains and teams; files that cannot be read and hard-mandatory policies are never recorded. Review the file like code: CODEOWNERS routes governance/ to the governance group.")
        {
            repository,
            prune,
            dryRun,
        };
        policyOptions.AddTo(command);
        command.SetAction(parse =>
        {
            var root = parse.GetValue(repository)!;
            if (!CommonOptions.RepositoryExists(root, error))
            {
                return ExitCodes.UsageOrConfiguration;
            }

            var options = policyOptions.Read(parse, root.FullName, error);
            if (options is null)
            {
                return ExitCodes.UsageOrConfiguration;
            }

            var load = MeshLoader.Load(root.FullName, cache: policyOptions.CacheRoot is { } cacheRoot ? FileCache.Open(cacheRoot) : null);
            var policies = PolicySet.Load(load);
            var result = PolicyEngine.Check(load, policies, options);
            if (result.ConfigurationError)
            {
                error.WriteLine("error: the repository has no readable mesh.yaml, so it has no findings to record; run 'meshgov validate' to see why.");
                return ExitCodes.UsageOrConfiguration;
            }

            // A policy that did not run has no findings today, not no debt: recording now would drop its entries.
            if (result.Policies.Where(p => p.Enabled && !p.Ran).Select(p => p.Metadata.Id).ToList() is { Count: > 0 } failed)
            {
                error.WriteLine($"error: {string.Join(", ", failed.Select(id => $"'{id}'"))} could not run (see 'meshgov check'), so the findings to record are not known; fix {(failed.Count == 1 ? "it" : "them")} first.");
                return ExitCodes.UsageOrConfiguration;
            }

            var recordedFile = load.Files.FirstOrDefault(f => f.File.Kind == DocumentKind.Baseline);
            if (recordedFile is { Root: null })
            {
                error.WriteLine($"error: {recordedFile.File.RelativePath} cannot be read (see 'meshgov validate'); fix or delete it first, so that no recorded finding is lost.");
                return ExitCodes.UsageOrConfiguration;
            }

            var recorded = recordedFile?.Root is { } recordedRoot ? BaselineEntry.ReadAll(recordedRoot) : [];
            var plan = BaselineFile.Build(result, policies, load, recorded, parse.GetValue(prune));
            var text = BaselineFile.ToYaml(plan.Entries);
            var relative = recordedFile?.File.RelativePath ?? BaselineFile.RepositoryPath;
            if (parse.GetValue(dryRun))
            {
                output.Write(text);
            }
            else if (Write(root.FullName, relative, text, error) is false)
            {
                return ExitCodes.UsageOrConfiguration;
            }

            var verb = parse.GetValue(dryRun) ? "would record" : "recorded";
            (parse.GetValue(dryRun) ? error : output).WriteLine(
                $"{relative}: {verb} {plan.Entries.Count} finding(s): {plan.Added} new, {plan.Kept} already recorded; {plan.Removed} entr{(plan.Removed == 1 ? "y" : "ies")} removed as fixed.");
            if (plan.NotRecordable > 0)
            {
                error.WriteLine($"note: {plan.NotRecordable} blocking finding(s) cannot be recorded (unreadable files, hard-mandatory policies, policies that always block, errors in mesh.yaml or governance/, engine errors); 'meshgov check' lists them, and they must be fixed.");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// Writes the baseline atomically, inside the repository only: never through a symbolic link (the file or
    /// governance/ may point elsewhere), with a temporary file of an unguessable name. False after saying why.
    /// </summary>
    private static bool Write(string root, string relative, string text, TextWriter error)
    {
        var path = Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar));
        var folder = Path.GetDirectoryName(path)!;
        try
        {
            Directory.CreateDirectory(folder);
            if (!RealPaths.IsInside(folder, root) || new FileInfo(path).LinkTarget is not null || new DirectoryInfo(folder).LinkTarget is not null)
            {
                error.WriteLine($"error: {relative} is, or sits in, a symbolic link; meshgov writes the baseline only to a plain file inside the repository.");
                return false;
            }

            var temporary = Path.Combine(folder, $".baseline.meshgov-{Guid.NewGuid():N}.tmp");
            try
            {
                using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
                {
                    stream.Write(new System.Text.UTF8Encoding(false).GetBytes(text));
                    stream.Flush(flushToDisk: true);
                }

                File.Move(temporary, path, overwrite: true);
            }
            finally
            {
                if (File.Exists(temporary))
                {
                    File.Delete(temporary);
                }
            }

            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {relative}: cannot write the baseline: {ex.Message}");
            return false;
        }
    }
}
