using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Loading;
using MeshGovernance.Model.Migration;
using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Cli.Commands;

/// <summary>
/// <c>meshgov migrate</c>: rewrites data contracts as ODCS v3.1.0. ODCS v3.0.x contracts are edited in place,
/// changing only what the version requires; Data Contract Specification files are written anew as ODCS.
/// Files are replaced atomically (a temporary file renamed over the original); <c>--dry-run</c> prints a
/// unified diff instead and writes nothing.
/// </summary>
internal static class MigrateCommand
{
    private const string Target = ContractMigrator.TargetVersion;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Contract files (or folders of them) to migrate, inside the repository. Without any, every contract of the repository that is not yet ODCS v3.1.0: domains/*/contracts/*.odcs.yaml, and Data Contract Specification YAML files in those folders.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var repository = CommonOptions.Repository();
        var to = new Option<string>("--to")
        {
            Description = $"The ODCS version to write; {Target} is the only one.",
            HelpName = "VERSION",
            DefaultValueFactory = _ => Target,
        };
        to.AcceptOnlyFromAmong(Target);
        var dryRun = new Option<bool>("--dry-run", "-n")
        {
            Description = "Write nothing: print a unified diff of what would change (on standard output; the report goes to standard error), for review or 'git apply'.",
        };
        var format = CommonOptions.TextOrJson("what changed and what needs your attention, per file, with file:line:column");
        var command = new Command("migrate",
            $"Rewrite data contracts as ODCS {Target}: ODCS v3.0.0-v3.0.2 contracts are edited in place, changing only what the new version requires (comments, key order, quoting and every other line are kept); Data Contract Specification 0.9/1.x files become ODCS documents. " +
            "What cannot be carried over faithfully is left as it is and reported with its file:line:column (docs/migrating.md). Exit code 0 when everything migrated cleanly, 1 when something needs your attention, 2 for a usage error or a named file that cannot be migrated.")
        {
            paths,
            repository,
            to,
            dryRun,
            format,
        };
        command.SetAction(parse =>
        {
            var root = parse.GetValue(repository)!;
            if (!CommonOptions.RepositoryExists(root, error))
            {
                return ExitCodes.UsageOrConfiguration;
            }

            var run = new Run(output, error, parse.GetValue(dryRun), parse.GetValue(format) == "json");
            return run.Execute(root, parse.GetValue(paths) ?? []);
        });
        return command;
    }

    /// <summary>One file's outcome, as reported.</summary>
    private sealed record FileReport(MigrationCandidate Candidate, MigrationResult Result, bool Named, bool Written, string? Diff, IReadOnlyList<MigrationNote> Notes);

    private sealed class Run(TextWriter output, TextWriter error, bool dryRun, bool json)
    {
        private readonly List<FileReport> _reports = [];
        private int _exitCode = ExitCodes.Success;

        /// <summary>The text report: on standard output, or standard error when the diff takes standard output.</summary>
        private TextWriter Report => dryRun ? error : output;

        public int Execute(DirectoryInfo repository, string[] paths)
        {
            var root = RealPaths.Resolve(repository.FullName) ?? repository.FullName;
            var layout = RepositoryScanner.Scan(root);
            List<(MigrationCandidate Candidate, bool Named)> targets;
            if (paths.Length == 0)
            {
                if (layout.Diagnostics.Any(d => d.Id == DiagnosticCatalog.MeshManifestMissing.Id))
                {
                    error.WriteLine($"error: --repo: '{repository.FullName}' has no mesh.yaml, so it is no mesh repository; point --repo at the repository's root, or name the files to migrate.");
                    return ExitCodes.UsageOrConfiguration;
                }

                targets = [.. MigrationCandidates.InRepository(layout).Select(c => (c, false))];
            }
            else if (Named(paths, root, layout) is { } named)
            {
                targets = named;
            }
            else
            {
                return ExitCodes.UsageOrConfiguration;
            }

            foreach (var (candidate, isNamed) in targets)
            {
                Migrate(candidate, isNamed);
            }

            if (json)
            {
                WriteJson();
            }
            else
            {
                WriteSummary(paths.Length == 0);
            }

            return _exitCode;
        }

        /// <summary>The named paths as candidates; null (errors written) when one does not exist or is outside the repository.</summary>
        private List<(MigrationCandidate, bool)>? Named(string[] paths, string root, RepositoryLayout layout)
        {
            var result = new List<(MigrationCandidate, bool)>();
            var failed = false;
            foreach (var path in paths)
            {
                var full = Path.GetFullPath(path);
                if (!File.Exists(full) && !Directory.Exists(full))
                {
                    error.WriteLine($"error: PATH: '{path}' does not exist.");
                    failed = true;
                    continue;
                }

                var real = RealPaths.Resolve(full);
                if (real is null || !(real == root || RealPaths.IsInside(real, root)))
                {
                    error.WriteLine($"error: PATH: '{path}' is outside the repository '{root}' (--repo); meshgov migrate rewrites files of that repository only, and never follows a path or link out of it.");
                    failed = true;
                    continue;
                }

                if (Directory.Exists(real))
                {
                    var inside = MigrationCandidates.InRepository(layout)
                        .Where(c => real == root || RealPaths.IsInside(c.FullPath, real))
                        .ToList();
                    if (inside.Count == 0)
                    {
                        error.WriteLine($"warning: PATH: the folder '{path}' holds no contract the repository layout knows (domains/<domain>/contracts/<name>.odcs.yaml).");
                    }

                    result.AddRange(inside.Select(c => (c, false)));
                    continue;
                }

                var relative = Path.GetRelativePath(root, real).Replace(Path.DirectorySeparatorChar, '/');
                result.Add((new MigrationCandidate(relative, real), true));
            }

            return failed ? null : [.. result.DistinctBy(r => r.Item1.FullPath)];
        }

        private void Migrate(MigrationCandidate candidate, bool named)
        {
            byte[] bytes;
            try
            {
                var info = new FileInfo(candidate.FullPath);
                if (info.Length > YamlLimits.Default.MaxFileBytes)
                {
                    Refused(candidate, named, DiagnosticCatalog.FileTooLarge.Create(SourceSpan.StartOf(candidate.RelativePath), $"The file is {info.Length:N0} bytes; a mesh file may be at most {YamlLimits.Default.MaxFileBytes:N0} bytes."));
                    return;
                }

                bytes = File.ReadAllBytes(candidate.FullPath);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Refused(candidate, named, DiagnosticCatalog.FileUnreadable.Create(SourceSpan.StartOf(candidate.RelativePath), $"The file cannot be read: {ex.Message}"));
                return;
            }

            var text = YamlTextDecoder.Decode(bytes, candidate.RelativePath, out var decodeError);
            if (text is null)
            {
                Refused(candidate, named, decodeError!);
                return;
            }

            var result = ContractMigrator.Migrate(text, candidate.RelativePath);
            var isContractFile = candidate.RelativePath.EndsWith(".odcs.yaml", StringComparison.Ordinal) || candidate.RelativePath.EndsWith(".odcs.yml", StringComparison.Ordinal);
            switch (result.Outcome)
            {
                case MigrationOutcome.AlreadyCurrent:
                    if (named)
                    {
                        var at = result.Notes.Count > 0 ? result.Notes[0].Span : SourceSpan.StartOf(candidate.RelativePath);
                        error.WriteLine($"error: {Location(at)}: apiVersion is already {Target}: there is nothing to migrate.");
                        Raise(ExitCodes.UsageOrConfiguration);
                    }

                    _reports.Add(new FileReport(candidate, result, named, false, null, []));
                    return;
                case MigrationOutcome.Refused:
                    if (!named && !isContractFile)
                    {
                        // A YAML file in a contracts folder that is not a Data Contract Specification file: not ours to judge here.
                        return;
                    }

                    Refused(candidate, named, result.Error!, result);
                    return;
            }

            var notes = result.Notes.ToList();
            var suggestion = ContractMigrator.SuggestedPath(candidate.RelativePath, Id(result.Text!));
            if (suggestion is not null)
            {
                var exists = File.Exists(Path.Combine(Path.GetDirectoryName(candidate.FullPath)!, Path.GetFileName(suggestion)));
                notes.Add(new MigrationNote(MigrationNoteKind.Attention, SourceSpan.StartOf(candidate.RelativePath),
                    $"the file is an ODCS contract now, but meshgov reads contracts only as domains/<domain>/contracts/<name>.odcs.yaml: rename it, e.g. git mv {candidate.RelativePath} {suggestion}" +
                    (exists ? " (a file of that name exists already: choose another name)" : "")));
            }

            var diff = dryRun || json ? UnifiedDiff.Create(text, result.Text!, candidate.RelativePath) : null;
            var written = false;
            if (!dryRun)
            {
                try
                {
                    WriteAtomically(candidate.FullPath, bytes, result.Text!);
                    written = true;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    error.WriteLine($"error: {candidate.RelativePath}: cannot write the migrated contract: {ex.Message}");
                    Raise(ExitCodes.UsageOrConfiguration);
                }
            }

            if (notes.Any(n => n.Kind == MigrationNoteKind.Attention))
            {
                Raise(ExitCodes.Findings);
            }

            var report = new FileReport(candidate, result, named, written, diff, notes);
            _reports.Add(report);
            if (!json)
            {
                if (dryRun)
                {
                    output.Write(diff);
                }

                WriteFile(report);
            }
        }

        private void Refused(MigrationCandidate candidate, bool named, Diagnostic problem, MigrationResult? result = null)
        {
            var file = problem.File.Length > 0 ? problem.File : candidate.RelativePath;
            var span = problem.Span with { File = file };
            result ??= MigrationResult.Refuse(candidate.RelativePath, problem with { Span = span });
            _reports.Add(new FileReport(candidate, result, named, false, null, []));
            if (named)
            {
                error.WriteLine($"error: {Location(span)}: {problem.Message}");
                Raise(ExitCodes.UsageOrConfiguration);
            }
            else
            {
                if (!json)
                {
                    Report.WriteLine($"{candidate.RelativePath}: not migrated");
                    Report.WriteLine($"  attention  {Location(span)}  {problem.Message}");
                }

                Raise(ExitCodes.Findings);
            }
        }

        private void Raise(int code) => _exitCode = Math.Max(_exitCode, code);

        private void WriteFile(FileReport report)
        {
            var state = report.Written ? "written" : dryRun ? "not written (--dry-run)" : "not written";
            Report.WriteLine($"{report.Candidate.RelativePath}: {report.Result.From} → ODCS {Target}, {state}");
            foreach (var note in report.Notes)
            {
                var kind = note.Kind switch
                {
                    MigrationNoteKind.Changed => "changed  ",
                    MigrationNoteKind.Info => "info     ",
                    _ => "attention",
                };
                Report.WriteLine($"  {kind}  {Location(note.Span)}  {note.Message}");
            }
        }

        private void WriteSummary(bool wholeRepository)
        {
            var migrated = _reports.Count(r => r.Result.Outcome == MigrationOutcome.Migrated);
            var attention = _reports.Count(r => r.Result.Outcome == MigrationOutcome.Migrated && r.Notes.Any(n => n.Kind == MigrationNoteKind.Attention));
            var current = _reports.Count(r => r.Result.Outcome == MigrationOutcome.AlreadyCurrent);
            var refused = _reports.Count(r => r.Result.Outcome == MigrationOutcome.Refused);
            if (migrated == 0 && refused == 0)
            {
                Report.WriteLine(wholeRepository
                    ? $"Nothing to migrate: {(current == 0 ? "the repository has no contract" : $"every contract of the repository is ODCS {Target} ({current})")}."
                    : "Nothing was migrated.");
                return;
            }

            if (Report == output && migrated > 0)
            {
                Report.WriteLine();
            }

            var parts = new List<string> { $"{migrated} file{(migrated == 1 ? "" : "s")} migrated to ODCS {Target}{(attention > 0 ? $" ({attention} need{(attention == 1 ? "s" : "")} your attention: see 'attention' above)" : "")}" };
            if (current > 0)
            {
                parts.Add($"{current} already {Target}");
            }

            if (refused > 0)
            {
                parts.Add($"{refused} not migrated");
            }

            Report.WriteLine(string.Join(", ", parts) + ".");
            var written = _reports.Count(r => r.Written);
            Report.WriteLine(dryRun ? "Nothing was written (--dry-run)."
                : written == 0 ? "Nothing was written."
                : $"Wrote {written} file{(written == 1 ? "" : "s")}. Review the change (git diff) and run 'meshgov validate'.");
        }

        private void WriteJson()
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                writer.WriteStartObject();
                writer.WriteString("target", Target);
                writer.WriteBoolean("dryRun", dryRun);
                writer.WriteStartObject("summary");
                writer.WriteNumber("migrated", _reports.Count(r => r.Result.Outcome == MigrationOutcome.Migrated));
                writer.WriteNumber("needAttention", _reports.Count(r => r.Notes.Any(n => n.Kind == MigrationNoteKind.Attention)));
                writer.WriteNumber("alreadyCurrent", _reports.Count(r => r.Result.Outcome == MigrationOutcome.AlreadyCurrent));
                writer.WriteNumber("notMigrated", _reports.Count(r => r.Result.Outcome == MigrationOutcome.Refused));
                writer.WriteNumber("written", _reports.Count(r => r.Written));
                writer.WriteEndObject();
                writer.WriteStartArray("files");
                foreach (var report in _reports)
                {
                    writer.WriteStartObject();
                    writer.WriteString("path", report.Candidate.RelativePath);
                    writer.WriteString("outcome", report.Result.Outcome switch
                    {
                        MigrationOutcome.Migrated => "migrated",
                        MigrationOutcome.AlreadyCurrent => "already-current",
                        _ => "not-migrated",
                    });
                    if (report.Result.From is { } from)
                    {
                        writer.WriteString("from", from);
                    }

                    writer.WriteBoolean("written", report.Written);
                    if (report.Result.Error is { } problem)
                    {
                        writer.WriteStartObject("error");
                        writer.WriteString("id", problem.Id);
                        writer.WriteString("message", problem.Message);
                        writer.WriteString("file", problem.File.Length > 0 ? problem.File : report.Candidate.RelativePath);
                        writer.WriteNumber("line", problem.Line);
                        writer.WriteNumber("column", problem.Column);
                        writer.WriteEndObject();
                    }

                    writer.WriteStartArray("notes");
                    foreach (var note in report.Notes)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("kind", note.Kind.ToString().ToLowerInvariant());
                        writer.WriteString("file", note.File);
                        writer.WriteNumber("line", note.Line);
                        writer.WriteNumber("column", note.Column);
                        writer.WriteString("message", note.Message);
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                    if (dryRun && report.Diff is { } diff)
                    {
                        writer.WriteString("diff", diff);
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            output.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        }

        private static string Location(SourceSpan span) => $"{span.File}:{span.Line}:{span.Column}";

        private static string? Id(string text) => YamlDocumentReader.Read(text, "f").Root?.GetString("id");

        /// <summary>
        /// Writes the new text next to the file and renames it over the original, so that a reader sees the old
        /// file or the new one, never half of one. The original's encoding (UTF-8, with its byte-order mark if it
        /// had one, or UTF-16) and its permissions are kept.
        /// </summary>
        private static void WriteAtomically(string path, byte[] original, string text)
        {
            Encoding encoding = original.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? new UTF8Encoding(true)
                : original.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) ? new UnicodeEncoding(false, true)
                : original.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) ? new UnicodeEncoding(true, true)
                : new UTF8Encoding(false);
            var folder = Path.GetDirectoryName(path)!;
            var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.meshgov-migrate-{Guid.NewGuid():N}.tmp");
            try
            {
                using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
                {
                    var preamble = encoding.GetPreamble();
                    stream.Write(preamble);
                    stream.Write(encoding.GetBytes(text));
                    stream.Flush(flushToDisk: true);
                }

                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(temporary, File.GetUnixFileMode(path));
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
        }
    }
}
