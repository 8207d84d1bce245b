using System.CommandLine;
using MeshGovernance.Review;
using MeshGovernance.Git;
using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Loading;
using MeshGovernance.Contracts;
using MeshGovernance.Reports.Changelog;

namespace MeshGovernance.Cli.Commands;

/// <summary>
/// <c>meshgov diff</c>: the contract changelog of a change. Every contract the change adds, removes or edits,
/// with each difference classified as breaking, warning or info, and whether its version moved far enough.
/// </summary>
internal static class DiffCommand
{
    private static readonly string[] Formats = ["text", "json", "markdown"];
    private static readonly string[] Thresholds = ["none", "breaking", "warning", "info"];

    public static Command Create(TextWriter output, TextWriter error, IReadOnlyDictionary<string, string?> environment)
    {
        var repository = CommonOptions.Repository();
        var pullRequest = new PullRequestOptions();
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output format: text, json or markdown.",
            HelpName = "FORMAT",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong(Formats);
        var failOn = new Option<string>("--fail-on")
        {
            Description = "Exit 1 when a change is at least this severe: breaking, warning or info (default: none, always exit 0).",
            HelpName = "SEVERITY",
            DefaultValueFactory = _ => "none",
        };
        failOn.AcceptOnlyFromAmong(Thresholds);
        var command = new Command("diff", "List the contract changes between two revisions (--base, and --head or the working tree), each classified breaking, warning or info, with the version bump it calls for.")
        {
            repository,
            format,
            failOn,
        };
        pullRequest.AddTo(command);
        var cache = new CacheOptions(environment);
        cache.AddTo(command);
        command.SetAction(parse =>
        {
            var root = parse.GetValue(repository)!;
            if (!CommonOptions.RepositoryExists(root, error) || !pullRequest.Validate(parse, error))
            {
                return ExitCodes.UsageOrConfiguration;
            }

            if (parse.GetValue(pullRequest.Base) is not { } baseRevision)
            {
                error.WriteLine("error: --base: give the revision to compare with (the branch, tag or commit the change starts from), such as --base origin/main.");
                return ExitCodes.UsageOrConfiguration;
            }

            var (cacheRoot, cacheValid) = cache.Read(parse, root.FullName, error);
            if (!cacheValid)
            {
                return ExitCodes.UsageOrConfiguration;
            }

            PullRequestRevisions revisions;
            try
            {
                var fileCache = cacheRoot is null ? null : FileCache.Open(cacheRoot);
                revisions = PullRequestRevisions.Load(root.FullName, baseRevision, parse.GetValue(pullRequest.Head), parse.GetValue(pullRequest.Fetch), fileCache);
            }
            catch (GitException ex)
            {
                error.WriteLine("error: --base: " + ex.Message);
                return ExitCodes.UsageOrConfiguration;
            }

            using (revisions)
            {
                if (revisions.Head.ConfigurationError)
                {
                    error.WriteLine($"error: --repo: '{root.FullName}' has no readable mesh.yaml; run 'meshgov validate' to see why.");
                    return ExitCodes.UsageOrConfiguration;
                }

                var change = new ChangeUnderReview(revisions.MergeBase.Mesh, revisions.Head.Mesh, revisions.Files, author: null);
                var changelog = new ContractChangelog(revisions.MergeBaseCommit, revisions.HeadIsWorkingTree && parse.GetValue(pullRequest.Head) is null ? null : revisions.HeadCommit, change.ContractChanges);
                switch (parse.GetValue(format))
                {
                    case "json":
                        ContractChangelogWriter.WriteJson(output, changelog);
                        break;
                    case "markdown":
                        ContractChangelogWriter.WriteMarkdown(output, changelog);
                        break;
                    default:
                        ContractChangelogWriter.WriteText(output, changelog);
                        break;
                }

                WarnAboutUnreadableFiles(revisions, error);
                return Fails(changelog.HighestSeverity, parse.GetValue(failOn)!) ? ExitCodes.Findings : ExitCodes.Success;
            }
        });
        return command;
    }

    private static bool Fails(ChangeSeverity? highest, string threshold) => (highest, threshold) switch
    {
        (null, _) or (_, "none") => false,
        ({ } severity, "breaking") => severity >= ChangeSeverity.Breaking,
        ({ } severity, "warning") => severity >= ChangeSeverity.Warning,
        _ => true,
    };

    // A contract that cannot be read at one revision is missing from the comparison there; say so rather than
    // let its changes read as an addition or a removal.
    private static void WarnAboutUnreadableFiles(PullRequestRevisions revisions, TextWriter error)
    {
        if (revisions.MergeBase.ConfigurationError)
        {
            error.WriteLine("warning: at the base revision, mesh.yaml cannot be read, so no contract is known there: every contract reads as added.");
        }

        var changed = revisions.Files.SelectMany(f => new[] { f.HeadPath, f.BasePath }).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var (name, load) in new[] { ("head", revisions.Head), ("base", revisions.MergeBase) })
        {
            var files = load.Diagnostics.Where(d => d.Level == DiagnosticLevel.Error && changed.Contains(d.File)).Select(d => d.File).Distinct().ToList();
            if (files.Count > 0)
            {
                error.WriteLine($"warning: at the {name} revision, {string.Join(", ", files)} has errors ('meshgov validate'); what could not be read is not compared.");
            }
        }
    }
}
