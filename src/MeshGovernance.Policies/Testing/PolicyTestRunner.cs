using System.Globalization;
using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Loading;
using MeshGovernance.Model.Yaml;
using MeshGovernance.Contracts;
using MeshGovernance.Policies.Engine;
using MeshGovernance.Policies.Metadata;
using MeshGovernance.Policies.Scripting;
using MeshGovernance.Results;

namespace MeshGovernance.Policies.Testing;

/// <summary>
/// Runs the test cases next to each policy (<c>&lt;id&gt;.tests.yaml</c>), as <c>opa test</c> and <c>kyverno test</c>
/// do: each case lays its files over a fixture mesh, runs the policy alone, and compares its findings (subject,
/// level, optionally a piece of the message and the line) with the ones expected.
/// </summary>
public static class PolicyTestRunner
{
    public const string DefaultFixture = "fixtures/base";
    private static readonly string[] SuiteKeys = ["fixture", "today", "cases"];
    private static readonly string[] CaseKeys = ["name", "files", "params", "expect", "today", "allowInvalid", "base", "author"];
    private static readonly string[] ExpectKeys = ["subject", "level", "message", "line"];

    public static PolicyTestReport Run(IReadOnlyList<PolicySource> sources, PolicyTestFiles files, PolicyEngineOptions options, string? only = null)
    {
        var cases = new List<PolicyTestCaseResult>();
        var errors = new List<string>();
        var untested = new List<string>();
        foreach (var source in sources)
        {
            var (metadata, metadataDiagnostics) = PolicyMetadataReader.Read(source);
            if (metadata is null)
            {
                errors.AddRange(metadataDiagnostics.Select(d => $"{d.Span}: {d.Message}"));
                continue;
            }

            if (only is not null && metadata.Id != only)
            {
                continue;
            }

            var testsPath = metadata.Id + ".tests.yaml";
            var text = files.Read(testsPath);
            if (text is null)
            {
                untested.Add(metadata.Id);
                continue;
            }

            var parsed = YamlDocumentReader.Read(text, testsPath, YamlLimits.Default);
            if (parsed.Root is null)
            {
                errors.AddRange(parsed.Diagnostics.Select(d => $"{d.Span}: {d.Message}"));
                continue;
            }

            var suite = parsed.Root;
            var suiteProblems = UnknownKeys(suite, SuiteKeys, testsPath);
            if (suite.GetString("today") is { } suiteToday && ParseDate(suiteToday) is null)
            {
                suiteProblems.Add($"{testsPath}({suite.SpanOf("today").Line}): 'today' is a date written YYYY-MM-DD.");
            }

            if (suiteProblems.Count > 0)
            {
                errors.AddRange(suiteProblems);
                continue;
            }

            var fixture = suite.GetString("fixture") ?? DefaultFixture;
            var today = ParseDate(suite.GetString("today")) ?? options.Today;
            var caseNodes = suite["cases"] is SourceSequence list ? list.Items.OfType<SourceMapping>().ToList() : [];
            if (caseNodes.Count == 0)
            {
                errors.Add($"{suite.Span}: '{testsPath}' has no 'cases:' list.");
                continue;
            }

            foreach (var caseNode in caseNodes)
            {
                var name = caseNode.GetString("name") ?? $"case at line {caseNode.Span.Line}";
                cases.Add(new PolicyTestCaseResult(metadata.Id, name, RunCase(source, metadata, files, fixture, caseNode, testsPath, options with { Today = ParseDate(caseNode.GetString("today")) ?? today })));
            }
        }

        return new PolicyTestReport(cases, errors, untested);
    }

    private static List<string> RunCase(PolicySource source, PolicyMetadata metadata, PolicyTestFiles files, string fixture, SourceMapping caseNode, string testsPath, PolicyEngineOptions options)
    {
        // A misspelt key would make a case test less than it says: refuse it.
        var problems = UnknownKeys(caseNode, CaseKeys, testsPath);
        if (caseNode.GetString("today") is { } caseToday && ParseDate(caseToday) is null)
        {
            problems.Add($"{testsPath}({caseNode.SpanOf("today").Line}): 'today' is a date written YYYY-MM-DD.");
        }

        // A case with 'base' or 'author' judges a pull request: the base revision is the fixture with the 'base'
        // files laid over it, the head is the base with the 'files' laid over it, and the changed files are the
        // ones 'files' actually changes.
        var pullRequest = caseNode["base"] is not null || caseNode["author"] is not null;
        var root = Path.Combine(Path.GetTempPath(), "meshgov-policy-test-" + Guid.NewGuid().ToString("N")[..12]);
        var baseRoot = root + "-base";
        try
        {
            if (PolicyTestFiles.Confine(fixture) is not { } fixtureFolder)
            {
                return [$"{testsPath}: the fixture '{fixture}' is not a folder inside the policies folder."];
            }

            var fixtureFiles = files.List(fixtureFolder);
            if (fixtureFiles.Count == 0)
            {
                return [$"{testsPath}: the fixture folder '{fixtureFolder}' is empty or missing."];
            }

            foreach (var file in fixtureFiles)
            {
                Write(root, file, files.Read(fixtureFolder + "/" + file) ?? string.Empty);
            }

            Overlay(root, caseNode["base"], problems);
            var changed = new List<ChangedFile>();
            if (pullRequest)
            {
                CopyFolder(root, baseRoot);
            }

            Overlay(root, caseNode["files"], problems, pullRequest ? changed : null);
            var load = MeshLoader.Load(root);
            // A case runs on files the validator accepts, unless it says it means otherwise: a policy is
            // rarely the only line of defence, and a test on unreadable input tests nothing real.
            var strict = caseNode.GetBoolean("allowInvalid") != true;
            problems.AddRange(load.Diagnostics
                .Where(d => d.Id.StartsWith("MG10", StringComparison.Ordinal) || (strict && d.Id.StartsWith("MG11", StringComparison.Ordinal)))
                .Select(d => $"the fixture is not valid ({d.Id}, 'allowInvalid: true' if on purpose): {d.Span}: {d.Message}"));
            var set = PolicySet.FromSources([source], load);
            var definition = set.Policies.SingleOrDefault();
            if (definition is null)
            {
                problems.AddRange(set.Diagnostics.Select(d => $"{d.Span}: {d.Message}"));
                return problems;
            }

            var configured = WithCaseParameters(definition, caseNode, problems);
            definition = configured with { Settings = configured.Settings with { Enabled = true } };
            PullRequestInput? pullRequestInput = null;
            if (pullRequest)
            {
                var baseLoad = MeshLoader.Load(baseRoot);
                pullRequestInput = new PullRequestInput(new ChangeUnderReview(baseLoad.Mesh, load.Mesh, changed, caseNode.GetString("author")), baseLoad, baseLoad);
            }

            var result = PolicyEngine.Check(load, new PolicySet([definition], set.Diagnostics), options, pullRequestInput);
            var actual = result.Diagnostics.Where(d => d.Policy?.PolicyId == metadata.Id).ToList();
            problems.AddRange(actual
                .Where(d => d.Id != metadata.Id)
                .Select(d => $"the policy did not run: {d.Id} {d.Span}: {d.Message}"));
            Compare(ReadExpected(caseNode, problems), actual.Where(d => d.Id == metadata.Id).ToList(), problems);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Add($"the fixture could not be written: {ex.Message}");
        }
        finally
        {
            foreach (var folder in new[] { root, baseRoot }.Where(Directory.Exists))
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (IOException)
                {
                    // A temp folder left behind is harmless.
                }
            }
        }

        return problems;
    }

    /// <summary>
    /// Lays a case's files over a folder (null content deletes a file). Given a list, records how each file
    /// differs from what was there, as git would list a pull request's changes.
    /// </summary>
    private static void Overlay(string root, SourceNode? node, List<string> problems, List<ChangedFile>? changes = null)
    {
        if (node is null)
        {
            return;
        }

        if (node is not SourceMapping overlay)
        {
            problems.Add($"{node.Span}: files are a mapping of relative paths to contents.");
            return;
        }

        foreach (var (path, content) in overlay.Entries)
        {
            if (PolicyTestFiles.Confine(path.Value) is not { } relative)
            {
                problems.Add($"{path.Span}: the file '{path.Value}' is not a relative path inside the fixture.");
                continue;
            }

            var existing = Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar));
            var before = File.Exists(existing) ? File.ReadAllText(existing) : null;
            string? after;
            if (content is SourceScalar { IsNull: true })
            {
                File.Delete(existing);
                after = null;
            }
            else if (content is SourceScalar scalar)
            {
                Write(root, relative, scalar.Value);
                after = scalar.Value;
            }
            else
            {
                problems.Add($"{content.Span}: a file's content is a text block ('|'), or null to delete the file.");
                continue;
            }

            if (changes is not null && before != after)
            {
                changes.RemoveAll(c => c.Path == relative);
                changes.Add(new ChangedFile(before is null ? FileChangeKind.Added : after is null ? FileChangeKind.Deleted : FileChangeKind.Modified, relative));
            }
        }
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static PolicyDefinition WithCaseParameters(PolicyDefinition definition, SourceMapping caseNode, List<string> problems)
    {
        if (caseNode.GetMapping("params") is not { } given)
        {
            return definition;
        }

        var parameters = new Dictionary<string, object>(definition.Settings.Parameters, StringComparer.Ordinal);
        foreach (var (name, node) in given.Entries)
        {
            var typed = ParameterTypes.FromYaml(node);
            if (!definition.Declared.Parameters.TryGetValue(name.Value, out var declared) || typed is null || !ParameterTypes.SameType(declared, typed))
            {
                problems.Add($"{name.Span}: '{name.Value}' is not a parameter of the policy, or the value has the wrong type.");
                continue;
            }

            parameters[name.Value] = ParameterTypes.Normalize(declared, typed);
        }

        return definition with { Settings = definition.Settings with { Parameters = parameters } };
    }

    private sealed record Expectation(string? Subject, DiagnosticLevel Level, string? Message, int? Line, SourceSpan Span)
    {
        public bool Matches(Diagnostic d) =>
            d.Subject == Subject && d.Level == Level && (Message is null || d.Message.Contains(Message, StringComparison.Ordinal)) && (Line is null || d.Line == Line);

        public override string ToString() =>
            $"{LevelName(Level)} on {Subject ?? "(no subject)"}" + (Line is null ? string.Empty : $" at line {Line}") + (Message is null ? string.Empty : $" saying \"{Message}\"");
    }

    private static List<Expectation> ReadExpected(SourceMapping caseNode, List<string> problems)
    {
        var expected = new List<Expectation>();
        if (caseNode["expect"] is not SourceSequence list)
        {
            problems.Add($"{caseNode.Span}: the case has no 'expect:' list (write 'expect: []' when the policy passes).");
            return expected;
        }

        foreach (var item in list.Items.OfType<SourceMapping>())
        {
            var level = item.GetString("level") switch
            {
                "error" => DiagnosticLevel.Error,
                "warning" => DiagnosticLevel.Warning,
                "notice" => DiagnosticLevel.Notice,
                var other => (DiagnosticLevel?)null,
            };
            if (level is null)
            {
                problems.Add($"{item.Span}: 'level' is error, warning or notice.");
                continue;
            }

            problems.AddRange(UnknownKeys(item, ExpectKeys, "expect"));
            int? line = null;
            if (item.GetString("line") is { } lineText)
            {
                if (!int.TryParse(lineText, NumberStyles.None, CultureInfo.InvariantCulture, out var l))
                {
                    problems.Add($"{item.SpanOf("line")}: 'line' is a line number.");
                    continue;
                }

                line = l;
            }

            expected.Add(new Expectation(item.GetString("subject"), level.Value, item.GetString("message"), line, item.Span));
        }

        return expected;
    }

    private static void Compare(List<Expectation> expected, List<Diagnostic> actual, List<string> problems)
    {
        var unmatched = new List<Diagnostic>(actual);
        foreach (var expectation in expected)
        {
            var match = unmatched.FirstOrDefault(expectation.Matches);
            if (match is null)
            {
                problems.Add($"- expected, not reported: {expectation}");
            }
            else
            {
                unmatched.Remove(match);
            }
        }

        problems.AddRange(unmatched.Select(d => $"+ reported, not expected: {LevelName(d.Level)} on {d.Subject ?? "(no subject)"} at {d.Span}: {d.Message}"));
    }

    private static List<string> UnknownKeys(SourceMapping mapping, string[] known, string where) =>
        mapping.Entries
            .Where(e => !known.Contains(e.Key.Value))
            .Select(e => $"{e.Key.Span}: unknown key '{e.Key.Value}' in {where}; the keys are {string.Join(", ", known)}.")
            .ToList();

    private static string LevelName(DiagnosticLevel level) => level.ToString().ToLowerInvariant();

    private static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static void Write(string root, string relative, string content)
    {
        var path = Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
