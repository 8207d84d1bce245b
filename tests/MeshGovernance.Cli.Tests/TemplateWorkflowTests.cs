using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;
using static MeshGovernance.Cli.Tests.WorkflowYaml;

namespace MeshGovernance.Cli.Tests;

/// <summary>
/// The workflows of the template and of this repository follow GitHub's security-hardening guide: pinned actions,
/// least privilege per job, no expression pasted into a script, no credentials left in the checkout.
/// </summary>
public sealed partial class TemplateWorkflowTests
{
    private const string Governance = "mesh-repo-template/.github/workflows/governance.yml";
    private const string PolicyTests = "mesh-repo-template/.github/workflows/policy-tests.yml";
    private const string Catalog = "mesh-repo-template/.github/workflows/catalog.yml";
    private const string Release = ".github/workflows/release.yml";

    /// <summary>The reference `meshgov init` rewrites to the release's commit SHA; written exactly so in the template.</summary>
    private const string MeshgovAction = "meshgovernance/meshgov@v0.1.0";

    public static TheoryData<string> Workflows => new(AllWorkflows);

    [Fact]
    public void The_workflows_are_found() =>
        Assert.Superset(new HashSet<string> { Governance, PolicyTests, Catalog, ".github/workflows/ci.yml", Release }, AllWorkflows.ToHashSet());

    [Theory]
    [MemberData(nameof(Workflows))]
    public void No_workflow_or_job_level_env_uses_the_runner_context(string path)
    {
        // GitHub rejects the runner context there: it exists only once a job runs on a runner.
        var workflow = Load(path);
        var envs = Jobs(workflow).Select(j => (Where: $"job {j.Name}", Env: Mapping(j.Job, "env")))
            .Append((Where: "the workflow", Env: Mapping(workflow, "env")));
        foreach (var (where, env) in envs)
        {
            foreach (var (key, value) in env?.Children ?? Enumerable.Empty<KeyValuePair<YamlNode, YamlNode>>())
            {
                var name = ((YamlScalarNode)key).Value;
                Assert.False(value.ToString().Contains("runner.", StringComparison.Ordinal), $"{path}: {where} env {name} uses the runner context: {value}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Every_action_is_pinned_to_a_full_commit_sha_with_its_tag_in_a_comment(string path)
    {
        var workflow = Load(path);
        var uses = Jobs(workflow).Select(j => j.Job).Concat(AllSteps(workflow))
            .Select(node => (Node: node, Uses: Text(node, "uses"))).Where(u => u.Uses is not null);
        foreach (var (node, reference) in uses)
        {
            if (reference!.StartsWith("./", StringComparison.Ordinal))
            {
                continue;
            }

            var line = SourceLine(path, node.Children[new YamlScalarNode("uses")]);
            if (reference == MeshgovAction)
            {
                // Exactly as init expects to find it, with the release it installs beside it.
                Assert.Equal($"uses: {MeshgovAction}", line.Trim().TrimStart('-', ' '));
                Assert.Equal("0.1.0", With(node, "version"));
                continue;
            }

            Assert.Matches(PinnedLine(), line);
        }
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Every_job_has_a_timeout(string path)
    {
        foreach (var (name, job) in Jobs(Load(path)))
        {
            Assert.True(int.TryParse(Text(job, "timeout-minutes"), out var minutes) && minutes is > 0 and <= 60, $"{path}: job {name} has no timeout-minutes (or over an hour)");
        }
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void No_checkout_leaves_the_token_in_the_clone(string path)
    {
        foreach (var checkout in AllSteps(Load(path)).Where(s => Uses(s, "actions/checkout")))
        {
            Assert.Equal("false", With(checkout, "persist-credentials"));
        }
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void No_expression_is_pasted_into_a_script(string path)
    {
        // Expressions are expanded before the shell sees the script: a pull request's title or branch name would
        // become code. They reach scripts through env: instead.
        foreach (var step in AllSteps(Load(path)).Where(s => Text(s, "run") is not null))
        {
            Assert.False(Text(step, "run")!.Contains("${{", StringComparison.Ordinal), $"{path}: step '{Text(step, "name")}' pastes an expression into its script");
        }
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void The_workflow_grants_nothing_and_each_job_asks_for_what_it_needs(string path)
    {
        var workflow = Load(path);
        var granted = Pairs(Mapping(workflow, "permissions"));
        Assert.True(granted.All(p => p == ("contents", "read")), $"{path}: workflow-level permissions {string.Join(", ", granted)}");
        foreach (var (name, job) in Jobs(workflow))
        {
            Assert.True(Mapping(job, "permissions") is not null, $"{path}: job {name} has no permissions of its own");
        }
    }

    [Fact]
    public void Only_the_jobs_that_need_them_may_deploy_ask_for_an_oidc_token_attest_or_write_contents()
    {
        var writes = AllWorkflows
            .SelectMany(path => Jobs(Load(path)).SelectMany(j => Pairs(Mapping(j.Job, "permissions"))
                .Where(p => p.Item2 == "write" && p.Item1 is "pages" or "id-token" or "attestations" or "contents")
                .Select(p => $"{Path.GetFileName(path)} {j.Name} {p.Item1}")))
            .Order(StringComparer.Ordinal);

        Assert.Equal(
            [
                "catalog.yml deploy id-token", "catalog.yml deploy pages",
                "release.yml build attestations", "release.yml build id-token",
                "release.yml nuget id-token",
                "release.yml release contents",
            ],
            writes);
    }

    [Fact]
    public void The_sarif_upload_is_skipped_when_the_token_is_read_only()
    {
        var uploads = AllWorkflows.SelectMany(path => AllSteps(Load(path))).Where(s => Uses(s, "github/codeql-action/upload-sarif")).ToList();
        Assert.NotEmpty(uploads);
        foreach (var upload in uploads)
        {
            var condition = Text(upload, "if") ?? string.Empty;
            Assert.Contains("github.event.pull_request.head.repo.full_name == github.repository", condition, StringComparison.Ordinal);
            Assert.Contains("hashFiles('meshgov.sarif')", condition, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_action_is_pinned_to_the_same_commit_in_every_workflow()
    {
        var pins = AllWorkflows.SelectMany(StepsOf).Select(s => Text(s, "uses")).OfType<string>()
            .Where(u => !u.StartsWith("./", StringComparison.Ordinal) && u.Contains('@', StringComparison.Ordinal))
            .Select(u => (Action: u[..u.IndexOf('@', StringComparison.Ordinal)].Split('/')[..2], Ref: u[(u.IndexOf('@', StringComparison.Ordinal) + 1)..]))
            .GroupBy(p => string.Join('/', p.Action), p => p.Ref);
        foreach (var action in pins)
        {
            Assert.True(action.Distinct().Count() == 1, $"{action.Key} is pinned to {string.Join(", ", action.Distinct())}");
        }

        static List<YamlMappingNode> StepsOf(string path) => AllSteps(Load(path));
    }

    [Fact]
    public void Every_template_workflow_installs_meshgov_through_the_action_init_pins()
    {
        foreach (var path in new[] { Governance, PolicyTests, Catalog })
        {
            var steps = AllSteps(Load(path));
            Assert.Single(steps, s => Text(s, "uses") == MeshgovAction);
            Assert.DoesNotContain(steps, s => Text(s, "run")?.Contains("dotnet tool install", StringComparison.Ordinal) == true);
        }
    }

    [Fact]
    public void The_template_workflows_run_on_pull_request_with_least_privilege()
    {
        var governance = Load(Governance);
        var policyTests = Load(PolicyTests);

        foreach (var workflow in new[] { governance, policyTests })
        {
            var triggers = (YamlMappingNode)workflow["on"];
            Assert.True(triggers.Children.ContainsKey("pull_request"));
            Assert.False(triggers.Children.ContainsKey("pull_request_target"), "pull_request_target runs a fork's code with a write token");
            var checkout = AllSteps(workflow).Single(s => Uses(s, "actions/checkout"));
            Assert.Equal("0", With(checkout, "fetch-depth"));
        }

        var check = Jobs(governance).Single();
        Assert.Equal(
            [("checks", "write"), ("contents", "read"), ("pull-requests", "write"), ("security-events", "write")],
            Pairs(Mapping(check.Job, "permissions")));
        Assert.Equal([("contents", "read")], Pairs(Mapping(Jobs(policyTests).Single().Job, "permissions")));

        // The compiled-policy cache lives outside the checkout (meshgov refuses one inside it), and the action uses it.
        var steps = Steps(check.Job);
        var cache = steps.Single(s => Uses(s, "actions/cache"));
        Assert.Equal("${{ runner.temp }}/meshgov-cache", With(cache, "path"));
        Assert.StartsWith("meshgov-${{ runner.os }}-${{ hashFiles('governance/policies/**', 'mesh.yaml') }}", With(cache, "key"), StringComparison.Ordinal);
        var meshgov = steps.Single(s => Text(s, "uses") == MeshgovAction);
        Assert.Equal(With(cache, "path"), With(meshgov, "cache-dir"));
        Assert.True(steps.IndexOf(cache) < steps.IndexOf(meshgov), "the cache is restored before the check");
        // On a pull request the check posts to GitHub (check run, comment, summary) and writes SARIF.
        Assert.Equal("${{ github.event_name == 'pull_request' }}", With(meshgov, "github"));
        Assert.Contains("sarif=meshgov.sarif", With(meshgov, "formats"), StringComparison.Ordinal);
        Assert.Contains(steps, s => Uses(s, "github/codeql-action/upload-sarif") && With(s, "sarif_file") == "meshgov.sarif");
        var changelog = steps.Single(s => Text(s, "run")?.StartsWith("meshgov diff", StringComparison.Ordinal) == true);
        Assert.Contains("--format markdown >> \"$GITHUB_STEP_SUMMARY\"", Text(changelog, "run"), StringComparison.Ordinal);
        Assert.Contains("github.event_name == 'pull_request'", Text(changelog, "if"), StringComparison.Ordinal);
        Assert.Contains(steps, s => Text(s, "run")?.Contains("meshgov codeowners --check", StringComparison.Ordinal) == true);

        var catalog = Load(Catalog);
        Assert.Equal(["main"], Strings(Node(Mapping(Mapping(catalog, "on")!, "push")!, "branches")));
        var build = Jobs(catalog).Single(j => j.Name == "build").Job;
        Assert.Equal([("contents", "read"), ("pages", "read")], Pairs(Mapping(build, "permissions")));
        var site = Steps(build).Single(s => Text(s, "run")?.StartsWith("meshgov site --out", StringComparison.Ordinal) == true);
        Assert.Contains("--base-url \"$BASE_URL\"", Text(site, "run"), StringComparison.Ordinal);
        Assert.Equal("${{ steps.pages.outputs.base_url }}", Text(Mapping(site, "env")!, "BASE_URL"));
        Assert.Contains(Steps(build), s => Uses(s, "actions/configure-pages") && Text(s, "id") == "pages");
        var deploy = Jobs(catalog).Single(j => j.Name == "deploy").Job;
        Assert.Equal("build", Text(deploy, "needs"));
        Assert.Equal([("id-token", "write"), ("pages", "write")], Pairs(Mapping(deploy, "permissions")));
        Assert.Contains(Steps(deploy), s => Uses(s, "actions/deploy-pages"));

        var paths = Strings(Node(Mapping(Mapping(policyTests, "on")!, "pull_request")!, "paths"));
        Assert.Equal(["governance/**", "mesh.yaml"], paths);
        Assert.Contains(AllSteps(policyTests), s => Text(s, "run")?.StartsWith("meshgov policy test", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void A_pushed_tag_is_tested_built_attested_released_and_pushed_to_nuget()
    {
        var release = Load(Release);
        Assert.Equal(["v*"], Strings(Node(Mapping(Mapping(release, "on")!, "push")!, "tags")));
        var jobs = Jobs(release).ToDictionary(j => j.Name, j => j.Job);
        Assert.Equal(["build", "nuget", "release", "smoke", "test"], jobs.Keys.Order(StringComparer.Ordinal));

        // MinVer reads the version from the tag: the clones that build need the history.
        foreach (var job in new[] { "test", "build" })
        {
            Assert.Equal("0", With(Steps(jobs[job]).Single(s => Uses(s, "actions/checkout")), "fetch-depth"));
        }
        Assert.Contains(Steps(jobs["test"]), s => Text(s, "run") == "dotnet test MeshGovernance.sln --configuration Release");

        var build = Steps(jobs["build"]);
        Assert.Contains(build, s => Text(s, "run") == "dotnet pack src/MeshGovernance.Cli --configuration Release -o artifacts/package");
        Assert.Contains(build, s => Text(s, "run") == "bash build/publish-binaries.sh artifacts/binaries");
        var attest = With(build.Single(s => Uses(s, "actions/attest-build-provenance")), "subject-path")!;
        Assert.Contains("artifacts/binaries/SHA256SUMS", attest, StringComparison.Ordinal);
        Assert.Contains("artifacts/package/*.nupkg", attest, StringComparison.Ordinal);

        // Every binary runs on its own platform before the release is published.
        var platforms = ((YamlSequenceNode)Node(Mapping(Mapping(jobs["smoke"], "strategy")!, "matrix")!, "include")!).Children
            .Select(entry => Text((YamlMappingNode)entry, "rid")).Order(StringComparer.Ordinal);
        Assert.Equal(["linux-arm64", "linux-x64", "osx-arm64", "win-x64"], platforms);
        Assert.Equal(["build", "smoke"], Strings(Node(jobs["release"], "needs")));
        Assert.Contains(Steps(jobs["release"]), s => Text(s, "run")?.Contains("gh release create \"$TAG\"", StringComparison.Ordinal) == true
            && Text(s, "run")!.Contains("--verify-tag", StringComparison.Ordinal));

        Assert.Equal("nuget", Text(jobs["nuget"], "environment"));
        Assert.Contains(Steps(jobs["nuget"]), s => Uses(s, "NuGet/login"));
        Assert.Contains(Steps(jobs["nuget"]), s => Text(s, "run")?.Contains("--skip-duplicate", StringComparison.Ordinal) == true);
    }

    [GeneratedRegex(@"^\s*(- )?uses: [A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(/[A-Za-z0-9_./-]+)?@[0-9a-f]{40} # v\d+\.\d+\.\d+\s*$")]
    private static partial Regex PinnedLine();
}
