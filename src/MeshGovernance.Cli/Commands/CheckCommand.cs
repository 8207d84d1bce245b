using System.CommandLine;
using System.Globalization;
using MeshGovernance.Review;
using MeshGovernance.Git;
using MeshGovernance.GitHub;
using MeshGovernance.Model.Loading;
using MeshGovernance.Policies.BuiltIn;
using MeshGovernance.Policies.Engine;
using MeshGovernance.Policies.Metadata;
using MeshGovernance.Reports;
using MeshGovernance.Results;

namespace MeshGovernance.Cli.Commands;

/// <summary>
/// <c>meshgov check</c>: everything <c>validate</c> reports, plus every enabled policy evaluated over the mesh,
/// with waivers applied, written in one or more formats.
/// </summary>
internal static class CheckCommand
{
    public static Command Create(TextWriter output, TextWriter error, IReadOnlyDictionary<string, string?> environment, PolicyWorkers workers)
    {
        var repository = CommonOptions.Repository();
        var formats = new Option<string[]>("--format", "-f")
        {
            Description = "Output format: text, json, sarif, junit or markdown. Repeat it, with --output, to write several reports in one run.",
            HelpName = "FORMAT",
            AllowMultipleArgumentsPerToken = false,
            DefaultValueFactory = _ => ["text"],
        };
        formats.AcceptOnlyFromAmong([.. ReportWriters.Names]);
        var outputs = new Option<FileInfo[]>("--output", "-o")
        {
            Description = "Write the report to FILE instead of standard output; the n-th --output goes with the n-th --format.",
            HelpName = "FILE",
        };
        var stats = new Option<bool>("--stats")
        {
            Description = "Print to standard error how policies were obtained (cache or compiler) and how long they took.",
        };
        var policyOptions = new PolicyOptions(workers);
        var pullRequest = new PullRequestOptions();
        var policiesFrom = new Option<string>("--policies-from")
        {
            Description = "With --base: take policies, waivers and policy settings from the base (default; a pull request cannot rewrite the rule that judges it) or from the head (only for the governance group's own policy-testing job).",
            HelpName = "base|head",
            DefaultValueFactory = _ => "base",
        };
        policiesFrom.AcceptOnlyFromAmong("base", "head");
        var author = new Option<string?>("--author")
        {
            Description = "With --base: the pull request author's GitHub login, for ownership rules (in GitHub Actions, read from the event).",
            HelpName = "LOGIN",
        };

        var github = new Option<bool>("--github")
        {
            Description = "In GitHub Actions: post a check run with annotations, a sticky pull-request comment and the job summary (reads GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_EVENT_PATH, GITHUB_API_URL, GITHUB_STEP_SUMMARY). In a pull_request run, --base and --author default to the event's.",
        };
        var checkName = new Option<string>("--check-name")
        {
            Description = "With --github: the check run's name; one check run per head commit and name, updated on re-runs.",
            HelpName = "NAME",
            DefaultValueFactory = _ => "meshgov",
        };
        var command = new Command("check", "Validate the mesh and evaluate every enabled policy (the built-in pack and governance/policies/*.csx), applying governance/waivers.yaml. Exit code 0 when nothing blocks, 1 when a blocking finding remains, 2 for a usage or configuration error.")
        {
            repository,
            formats,
            outputs,
            stats,
        };
        policyOptions.AddTo(command);
        pullRequest.AddTo(command);
        command.Options.Add(policiesFrom);
        command.Options.Add(author);
        command.Options.Add(github);
        command.Options.Add(checkName);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var root = parse.GetValue(repository)!;
            if (!CommonOptions.RepositoryExists(root, error) || !pullRequest.Validate(parse, error))
            {
                return ExitCodes.UsageOrConfiguration;
            }

            var targets = Targets(parse.GetValue(formats) ?? ["text"], parse.GetValue(outputs) ?? [], error);
            // The worker starts once the mesh is scanned (a plain check needs its size) or, for a pull request, below.
            var options = policyOptions.Read(parse, root.FullName, error, startWorker: false);
            if (targets is null || options is null)
            {
                return ExitCodes.UsageOrConfiguration;
            }

            ActionsContext? actions = null;
            if (parse.GetValue(github))
            {
                try
                {
                    actions = ActionsContext.FromEnvironment(environment);
                }
                catch (GitHubException ex)
                {
                    error.WriteLine("error: --github: " + ex.Message);
                    return ExitCodes.UsageOrConfiguration;
                }
            }

            var baseRevision = parse.GetValue(pullRequest.Base) ?? actions?.BaseSha;
            var pullRequestAuthor = parse.GetValue(author) ?? actions?.PullRequestAuthor;
            if (baseRevision is not null)
            {
                workers.For(root.FullName);
            }

            PolicyMetadataReader.ReadAhead(BuiltInPolicies.Sources);
            var fileCache = policyOptions.CacheRoot is { } cacheRoot ? FileCache.Open(cacheRoot) : null;
            var loadWatch = System.Diagnostics.Stopwatch.StartNew();
            CheckResult result;
            CheckReport report;
            PullRequestRevisions? revisions = null;
            try
            {
                if (baseRevision is not null)
                {
                    revisions = PullRequestRevisions.Load(root.FullName, baseRevision, parse.GetValue(pullRequest.Head), parse.GetValue(pullRequest.Fetch), fileCache);
                    loadWatch.Stop();
                    var (reviewed, change, files) = PullRequestCheck.Run(revisions, parse.GetValue(policiesFrom) == "head", pullRequestAuthor, options);
                    result = reviewed;
                    report = CheckReport.From(result, files) with { Change = change };
                }
                else
                {
                    var load = MeshLoader.Load(
                        root.FullName,
                        cache: fileCache,
                        scanned: layout => StartWorker(options, layout),
                        linkOnDemand: options.Worker is null ? null : PolicyEngine.LinksInWorker,
                        fileRead: options.Worker is { } pool ? pool.StreamFile : null);
                    loadWatch.Stop();
                    result = PolicyEngine.Check(load, PolicySet.Load(load), options);
                    report = CheckReport.From(result, load.Files.Count + (load.Layout?.PolicyScripts.Count ?? 0));
                }
            }
            catch (GitException ex)
            {
                error.WriteLine("error: --base: " + ex.Message);
                revisions?.Dispose();
                return ExitCodes.UsageOrConfiguration;
            }

            using var snapshots = revisions;
            // GitHub and code scanning resolve paths from the repository's root, which may hold the mesh in a sub-folder.
            var fromRepositoryRoot = actions is not null || targets.Any(t => t.Format == ReportFormat.Sarif)
                ? report.InRepositoryFolder(revisions?.MeshFolder ?? FolderInRepository(root.FullName))
                : report;
            foreach (var (format, file) in targets)
            {
                if (!Write(format, file, format == ReportFormat.Sarif ? fromRepositoryRoot : report, output, error))
                {
                    return ExitCodes.UsageOrConfiguration;
                }
            }

            if (actions is not null && !await PublishAsync(fromRepositoryRoot, actions, parse.GetValue(checkName)!, output, error, cancellationToken))
            {
                return ExitCodes.UsageOrConfiguration;
            }

            if (parse.GetValue(stats))
            {
                WriteStatistics(result.Statistics, fileCache, loadWatch.Elapsed, error);
            }

            if (result.ConfigurationError || result.PolicyConfigurationInvalid)
            {
                error.WriteLine(result.ConfigurationError
                    ? "error: the repository has no readable mesh.yaml, so it cannot be checked as a mesh (see the findings above)."
                    : "error: the policy configuration is invalid (MG1308/MG1309 above); fix mesh.yaml or the policy files.");
                return ExitCodes.UsageOrConfiguration;
            }

            return result.Blocking ? ExitCodes.Findings : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// Starts the worker of a mesh with policies of its own as soon as the mesh is scanned, so that its start-up overlaps
    /// the reading of the files, hands it the policies to read ahead, and opens the stream that takes it each file as
    /// it is read (<see cref="Policies.Isolation.PolicyWorkerPool.StreamAhead"/>). A worker that will link a large mesh
    /// (<see cref="PolicyEngine.LinksInWorker"/>) collects garbage as meshgov does.
    /// </summary>
    private static void StartWorker(PolicyEngineOptions options, RepositoryLayout layout)
    {
        if (options.Worker is not { } worker || layout.PolicyScripts.Count == 0)
        {
            return;
        }

        worker.StartEarly(serverGc: PolicyEngine.LinksInWorker(layout));
        worker.StreamAhead(layout.PolicyScripts, options.Cache);
    }

    /// <summary>Posts the results to GitHub; false (after saying why) when something GitHub should have received was lost.</summary>
    private static async Task<bool> PublishAsync(CheckReport report, ActionsContext actions, string checkName, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        GitHubPublishOutcome outcome;
        try
        {
            outcome = await GitHubReporter.PublishAsync(report, actions, new GitHubReporterOptions { CheckName = checkName }, cancellationToken);
        }
        catch (GitHubException ex)
        {
            error.WriteLine("error: --github: " + ex.Message);
            return false;
        }

        // Workflow commands are read from standard output by the runner.
        outcome.WriteTo(output);
        if (outcome.Failed)
        {
            error.WriteLine($"error: --github: the results could not all be posted: {outcome.CheckRunError ?? outcome.CommentError}");
            return false;
        }

        return true;
    }

    /// <summary>Where the mesh sits in its git repository (<c>meshes/sales</c>), or empty at the top level or outside git.</summary>
    private static string FolderInRepository(string meshRoot)
    {
        try
        {
            return PullRequestRevisions.MeshPrefix(GitRepository.Open(meshRoot).Root, meshRoot);
        }
        catch (GitException)
        {
            return string.Empty;
        }
    }

    /// <summary>Pairs formats with outputs in order; formats without an output go to standard output (only one may).</summary>
    private static List<(ReportFormat Format, FileInfo? File)>? Targets(string[] formats, FileInfo[] files, TextWriter error)
    {
        if (files.Length > formats.Length)
        {
            error.WriteLine($"error: --output: {files.Length} outputs for {formats.Length} format(s); give a --format for each --output, in the same order.");
            return null;
        }

        if (formats.Length - files.Length > 1)
        {
            error.WriteLine($"error: --format: {formats.Length - files.Length} formats would go to standard output; give an --output for all but one of them.");
            return null;
        }

        var targets = formats.Select((name, i) => (ReportWriters.Parse(name), i < files.Length ? files[i] : null)).ToList();
        var duplicate = targets.Where(t => t.Item2 is not null).GroupBy(t => t.Item2!.FullName).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            error.WriteLine($"error: --output: '{duplicate.Key}' is named twice.");
            return null;
        }

        return targets;
    }

    private static bool Write(ReportFormat format, FileInfo? file, CheckReport report, TextWriter output, TextWriter error)
    {
        // Standard output by name goes through the same writer as everything else meshgov prints, in order.
        if (file is null || file.FullName is "/dev/stdout" or "/dev/fd/1" or "/proc/self/fd/1")
        {
            ReportWriters.Write(format, output, report);
            return true;
        }

        if (Directory.Exists(file.FullName))
        {
            error.WriteLine($"error: --output: '{file.FullName}' is a directory; name a file.");
            return false;
        }

        try
        {
            if (IsDeviceOrStream(file.FullName))
            {
                // /dev/null, /dev/stderr, a shell's /dev/fd/63: written to as they are. Replacing one with a file (the
                // rename below) would break it for every program after, /dev/null for the whole machine when run as root.
                using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Write);
                if (stream.CanSeek)
                {
                    stream.Seek(0, SeekOrigin.End);
                }

                using var direct = new StreamWriter(stream, new System.Text.UTF8Encoding(false));
                ReportWriters.Write(format, direct, report);
                return true;
            }

            Directory.CreateDirectory(file.DirectoryName!);
            var temporary = file.FullName + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
            using (var writer = new StreamWriter(temporary, append: false, new System.Text.UTF8Encoding(false)))
            {
                ReportWriters.Write(format, writer, report);
            }

            File.Move(temporary, file.FullName, overwrite: true);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: --output: cannot write '{file.FullName}': {ex.Message}");
            return false;
        }
    }

    /// <summary>A path of the system's devices and streams, not a file to replace (Unix: under /dev or /proc).</summary>
    private static bool IsDeviceOrStream(string fullPath) =>
        !OperatingSystem.IsWindows() && File.Exists(fullPath)
        && (fullPath.StartsWith("/dev/", StringComparison.Ordinal) || fullPath.StartsWith("/proc/", StringComparison.Ordinal));

    private static void WriteStatistics(CheckStatistics statistics, FileCache? fileCache, TimeSpan loading, TextWriter error)
    {
        error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"loading: {loading.TotalSeconds:0.000} s; schema validation: {fileCache?.Hits ?? 0} files from cache, {fileCache?.Misses.ToString(CultureInfo.InvariantCulture) ?? "all"} validated"));

        error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"policies: {statistics.Policies} ({statistics.FromCache} from cache, {statistics.Compiled} compiled) in {statistics.CompileTime.TotalSeconds:0.000} s; evaluated in {statistics.EvaluationTime.TotalSeconds:0.000} s; compiler loaded: {(statistics.CompilerLoaded ? "yes" : "no")}{(statistics.LinkedInWorker ? " (in the worker process, which linked the mesh)" : statistics.Isolated ? " (in the worker process)" : string.Empty)}"));
    }
}
