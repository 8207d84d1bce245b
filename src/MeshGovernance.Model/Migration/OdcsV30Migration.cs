using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Schemas;
using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Model.Migration;

/// <summary>
/// Rewrites an ODCS v3.0.0, v3.0.1 or v3.0.2 contract as v3.1.0 by editing its text where the tree's spans
/// point, so that comments, key order, quoting and every untouched line stay as they were. Three passes:
/// <list type="number">
/// <item>what the release notes of v3.1.0 and the schemas' differences name: <c>apiVersion</c>; <c>team</c> as
/// a list of members becomes <c>team.members</c>; a library <c>rule</c> becomes a <c>metric</c>; boolean
/// <c>exclusiveMaximum</c>/<c>exclusiveMinimum</c> become the bound itself; <c>staging_dir</c> (required by the
/// v3.0.0 and v3.0.1 schemas) becomes <c>stagingDir</c>; the ODCS v2 spellings <c>slaProperties[].column</c> and
/// <c>slaDefaultColumn</c> become <c>element</c> and <c>slaDefaultElement</c>;</item>
/// <item>what v3.0.x accepted but v3.1.0 closes (v3.1.0 forbids unknown properties in servers, team members,
/// quality checks and more): each such key moves, with its value as written, into the customProperties of the
/// object it was in, where the standard keeps what it does not define; where there is no customProperties, it
/// is left and reported;</item>
/// <item>the result is validated with the v3.1.0 schema; what still fails is reported where it is.</item>
/// </list>
/// </summary>
internal sealed partial class OdcsV30Migration
{
    /// <summary>The keys of a v3.0 quality rule that v3.1 has no place for in a text check.</summary>
    private static readonly string[] RuleKeys = ["rule", "arguments", "validValues"];

    public const string Target = "v3.1.0";

    private readonly string _file;
    private readonly List<PendingNote> _notes = [];
    private readonly HashSet<SourceNode> _visited = new(ReferenceEqualityComparer.Instance);

    private OdcsV30Migration(string file) => _file = file;

    /// <summary>A note at an offset of the text of one pass, mapped to the final text at the end.</summary>
    private sealed record PendingNote(MigrationNoteKind Kind, int Offset, string Message, int Pass);

    public static MigrationResult Migrate(string text, string file, SourceMapping root, string version)
    {
        var migration = new OdcsV30Migration(file);
        return migration.Run(text, root, version);
    }

    private MigrationResult Run(string original, SourceMapping root, string version)
    {
        // Pass 1: the renames and restructurings the version change names.
        var source = new SourceText(original);
        var first = new TextEdits();
        RewriteKnownChanges(source, root, first, version);
        var text1 = first.Apply(original);

        // Pass 2: keys v3.0.x accepted that v3.1.0 does not, into customProperties.
        var root1 = Reparse(text1);
        var before = SchemaValidator.Validate(root, DocumentKind.Contract);
        var alreadyUnknown = before
            .Where(IsUnknownProperty)
            .Select(d => first.Map(source.Offset(d.Line, d.Column)))
            .ToHashSet();
        var source1 = new SourceText(text1);
        var second = new TextEdits();
        KeepClosedKeys(source1, root1, second, alreadyUnknown);
        var text2 = second.Apply(text1);

        // Pass 3: what v3.1.0 still refuses.
        var root2 = Reparse(text2);
        var final = new SourceText(text2);
        var after = SchemaValidator.Validate(root2, DocumentKind.Contract);
        var notes = new List<MigrationNote>();
        foreach (var note in _notes)
        {
            var offset = note.Pass == 1 ? second.Map(first.Map(note.Offset)) : second.Map(note.Offset);
            var (line, column) = final.Position(Math.Min(offset, text2.Length));
            notes.Add(new MigrationNote(note.Kind, new SourceSpan(_file, line, column, line, column), note.Message));
        }

        foreach (var diagnostic in after.Where(d => d.Level == DiagnosticLevel.Error))
        {
            notes.Add(new MigrationNote(MigrationNoteKind.Attention, diagnostic.Span with { File = _file }, $"not valid for ODCS {Target}: {diagnostic.Message}"));
        }

        var errorsBefore = before.Count(d => d.Level == DiagnosticLevel.Error);
        if (errorsBefore > 0)
        {
            notes.Add(new MigrationNote(MigrationNoteKind.Info, SourceSpan.StartOf(_file),
                $"before migrating, the file already had {errorsBefore} schema error{(errorsBefore == 1 ? "" : "s")} for ODCS {version} ('meshgov validate' lists them); the migration does not fix what its own version refused"));
        }

        var ordered = notes.OrderBy(n => n.Line).ThenBy(n => n.Column).ToList();
        return new MigrationResult(_file, MigrationOutcome.Migrated, "ODCS " + version, text2, ordered);
    }

    private SourceMapping Reparse(string text)
    {
        var read = YamlDocumentReader.Read(text, _file);
        return read.Root is { } root && read.Diagnostics.Count == 0
            ? root
            : throw new InvalidOperationException($"The migrated text of {_file} no longer reads as YAML ({(read.Diagnostics.Count > 0 ? read.Diagnostics[0].Message : null)}); this is a defect in the migration.");
    }

    private void Note(MigrationNoteKind kind, SourceText source, SourceNode at, string message, int pass = 1) =>
        _notes.Add(new PendingNote(kind, source.Offset(at.Span.Line, at.Span.Column), message, pass));

    // ------------------------------------------------------------------ pass 1

    private void RewriteKnownChanges(SourceText source, SourceMapping root, TextEdits edits, string version)
    {
        if (root["apiVersion"] is SourceScalar apiVersion)
        {
            TextEditing.ReplaceScalar(source, edits, apiVersion, Target);
            Note(MigrationNoteKind.Changed, source, apiVersion, $"apiVersion {version} → {Target}");
        }

        if (root.KeyNode("team") is { } teamKey && root["team"] is SourceSequence team && !IsAliased(teamKey, team))
        {
            TextEditing.WrapSequenceValue(source, edits, teamKey, team, "members");
            Note(MigrationNoteKind.Changed, source, teamKey, "team: the list of members becomes team.members (the ODCS v3.1 team object; the list form is deprecated)");
        }

        RenameIfFree(source, edits, root, "slaDefaultColumn", "slaDefaultElement", "the ODCS v2 name of the default SLA element");
        if (root.ContainsKey("slaDefaultElement") || root.ContainsKey("slaDefaultColumn"))
        {
            Note(MigrationNoteKind.Info, source, root.KeyNode("slaDefaultElement") ?? root.KeyNode("slaDefaultColumn")!,
                "slaDefaultElement is deprecated since ODCS v3.1.0 and will be removed in v4.0.0: give each slaProperties entry its element");
        }

        if (root.KeyNode("dataProduct") is { } dataProduct)
        {
            Note(MigrationNoteKind.Info, source, dataProduct, "dataProduct is deprecated since ODCS v3.1.0: the data product (ODPS) names the contract in its output port instead");
        }

        foreach (var sla in root.GetMappings("slaProperties"))
        {
            RenameIfFree(source, edits, sla, "column", "element", "the ODCS v2 name of an SLA's element");
        }

        foreach (var server in root.GetMappings("servers"))
        {
            MigrateStagingDir(source, edits, server);
            if (server.GetString("type") == "duckdb" && server["schema"] is SourceScalar { Kind: ScalarKind.Integer } schemaName)
            {
                TextEditing.ReplaceScalar(source, edits, schemaName, "\"" + schemaName.Value + "\"");
                Note(MigrationNoteKind.Changed, source, schemaName, $"duckdb schema {schemaName.Value} → \"{schemaName.Value}\" (the v3.0 schemas wanted an integer, v3.1.0 a string)");
            }
        }

        if (root["schema"] is SourceSequence schema)
        {
            foreach (var item in schema.Items.OfType<SourceMapping>())
            {
                WalkElement(source, edits, item);
            }
        }
    }

    private void RenameIfFree(SourceText source, TextEdits edits, SourceMapping mapping, string from, string to, string why)
    {
        if (mapping.KeyNode(from) is not { } key)
        {
            return;
        }

        if (mapping.ContainsKey(to))
        {
            Note(MigrationNoteKind.Attention, source, key, $"'{from}' ({why}) cannot become '{to}': '{to}' is already set. Keep one of them.");
            return;
        }

        TextEditing.RenameKey(source, edits, key, to);
        Note(MigrationNoteKind.Changed, source, key, $"{from} → {to} ({why})");
    }

    /// <summary>The v3.0.0 and v3.0.1 schemas require athena's results location as <c>staging_dir</c>, v3.0.2 and v3.1.0 as <c>stagingDir</c>.</summary>
    private void MigrateStagingDir(SourceText source, TextEdits edits, SourceMapping server)
    {
        if (server.KeyNode("staging_dir") is not { } key)
        {
            return;
        }

        if (server["stagingDir"] is { } existing)
        {
            if (SameScalar(existing, server["staging_dir"]))
            {
                TextEditing.DeleteEntry(source, edits, server, key);
                Note(MigrationNoteKind.Changed, source, key, "staging_dir removed: stagingDir already holds the same location (ODCS v3.1 spells it stagingDir)");
            }
            else
            {
                Note(MigrationNoteKind.Attention, source, key, "staging_dir and stagingDir differ: ODCS v3.1 keeps only stagingDir. Keep the right location there and remove staging_dir.");
            }

            return;
        }

        TextEditing.RenameKey(source, edits, key, "stagingDir");
        Note(MigrationNoteKind.Changed, source, key, "staging_dir → stagingDir (the v3.0.0/v3.0.1 schemas required the former, v3.1.0 the latter)");
    }

    /// <summary>A schema object or property: its quality checks and options, then its nested properties and items.</summary>
    private void WalkElement(SourceText source, TextEdits edits, SourceMapping element)
    {
        if (!_visited.Add(element))
        {
            return;
        }

        if (element["quality"] is SourceSequence quality && !IsAliased(element.KeyNode("quality")!, quality))
        {
            foreach (var check in quality.Items.OfType<SourceMapping>())
            {
                if (_visited.Add(check))
                {
                    MigrateQualityCheck(source, edits, check);
                }
            }
        }

        if (element["logicalTypeOptions"] is SourceMapping options && !IsAliased(element.KeyNode("logicalTypeOptions")!, options) && _visited.Add(options))
        {
            MigrateExclusiveBound(source, edits, options, "exclusiveMaximum", "maximum");
            MigrateExclusiveBound(source, edits, options, "exclusiveMinimum", "minimum");
        }

        foreach (var property in element.GetMappings("properties"))
        {
            WalkElement(source, edits, property);
        }

        if (element["items"] is SourceMapping items)
        {
            WalkElement(source, edits, items);
        }
    }

    private void MigrateQualityCheck(SourceText source, TextEdits edits, SourceMapping check)
    {
        if (check.KeyNode("rule") is not { } ruleKey || check["rule"] is not SourceScalar { Kind: ScalarKind.String } rule)
        {
            return;
        }

        var type = check.GetString("type");
        if (type is not null && type != "library")
        {
            // A rule on a text, sql or custom check names no library metric: v3.1 allows it only beside a metric.
            if (TextEditing.MoveToCustomProperties(source, edits, check, [ruleKey]))
            {
                Note(MigrationNoteKind.Info, source, check.Entries[0].Key, $"the rule '{rule.Value}' of a {type} check is no library rule, which ODCS v3.1 allows only beside a metric: kept as a custom property of the check");
            }

            return;
        }

        if (check.ContainsKey("metric"))
        {
            Note(MigrationNoteKind.Info, source, ruleKey, "rule is deprecated since ODCS v3.1.0 and metric is already set: remove rule when nothing reads it any more");
            return;
        }

        var operators = QualityRuleMapping.Operators.Where(check.ContainsKey).ToList();
        var target = QualityRuleMapping.Find(rule.Value);
        if (target is not null && (operators.Count == 1 || (operators.Count == 0 && target.ImpliedOperator is not null)))
        {
            TextEditing.RenameKey(source, edits, ruleKey, "metric");
            if (target.Metric != rule.Value)
            {
                TextEditing.ReplaceScalar(source, edits, rule, target.Metric);
            }

            // The operator goes right after the metric, before anything nested below (arguments).
            var implied = operators.Count == 0 ? target.ImpliedOperator : null;
            if (implied is not null)
            {
                TextEditing.InsertEntryAfter(source, edits, check, ruleKey, implied);
            }

            if (target.Metric == "invalidValues" && check.KeyNode("validValues") is { } validKey)
            {
                if (check.ContainsKey("arguments"))
                {
                    Note(MigrationNoteKind.Attention, source, validKey, "validValues belongs in arguments.validValues in ODCS v3.1, and arguments is already set: move the list into it by hand.");
                }
                else
                {
                    TextEditing.WrapEntry(source, edits, check, validKey, "arguments");
                }
            }

            Note(MigrationNoteKind.Changed, source, ruleKey,
                $"quality rule '{rule.Value}' → metric '{target.Metric}'{(implied is null ? "" : " with " + implied)}{(target.Metric == rule.Value ? "" : $" ({target.Why})")}");
            return;
        }

        if (target is not null && operators.Count > 1)
        {
            TextEditing.RenameKey(source, edits, ruleKey, "metric");
            if (target.Metric != rule.Value)
            {
                TextEditing.ReplaceScalar(source, edits, rule, target.Metric);
            }

            Note(MigrationNoteKind.Attention, source, ruleKey,
                $"quality rule '{rule.Value}' → metric '{target.Metric}', but the check compares with {string.Join(" and ", operators)}: ODCS v3.1 allows exactly one operator per check. Split it into two checks, or use mustBeBetween if the bounds are inclusive as you mean them.");
            return;
        }

        // No v3.1 metric says what this rule counts, or no operator says what to expect of it: keep what the
        // check says (its description, dimension, custom properties) as a text check, and its rule (with any
        // operator and arguments, which a text check does not take) as custom properties of the check.
        var moved = RuleKeys.Concat(QualityRuleMapping.Operators)
            .Select(check.KeyNode).OfType<SourceScalar>().ToList();
        if (check["type"] is SourceScalar typeValue)
        {
            TextEditing.ReplaceScalar(source, edits, typeValue, "text");
        }
        else if (check.Entries.Select(e => e.Key).FirstOrDefault(k => !moved.Contains(k)) is { } anchor)
        {
            TextEditing.InsertEntryBefore(source, edits, check, anchor, "type: text");
        }
        else
        {
            // Nothing stays but what moves: the type takes the first key's place.
            edits.Insert(source.Offset(check.Entries[0].Key.Span.Line, check.Entries[0].Key.Span.Column), source.IsFlow(check) ? "type: text, " : "type: text");
        }

        if (!TextEditing.MoveToCustomProperties(source, edits, check, moved))
        {
            Note(MigrationNoteKind.Attention, source, ruleKey, "the rule could not be moved into the check's customProperties as written (a flow mapping): move it there, or remove it.");
        }

        var message = target is null
            ? $"quality rule '{rule.Value}' has no ODCS v3.1 metric (v3.1 has {string.Join(", ", QualityRuleMapping.Metrics)}): the check is kept as a text check with its rule as a custom property. Re-express it as a metric, a sql check, or logicalTypeOptions."
            : $"quality rule '{rule.Value}' is v3.1's metric '{target.Metric}', but ODCS v3.1 needs a threshold (mustBe, mustBeGreaterThan, …) that this check does not give: it is kept as a text check with its rule as a custom property. Add metric: {target.Metric} and the threshold you expect.";
        Note(MigrationNoteKind.Attention, source, ruleKey, message);
    }

    /// <summary>ODCS v3.0 wrote an exclusive bound as a flag beside the bound; v3.1 gives the bound itself.</summary>
    private void MigrateExclusiveBound(SourceText source, TextEdits edits, SourceMapping options, string exclusive, string bound)
    {
        if (options.KeyNode(exclusive) is not { } key || options[exclusive] is not SourceScalar { Kind: ScalarKind.Boolean } flag)
        {
            return;
        }

        if (flag.Value.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            TextEditing.DeleteEntry(source, edits, options, key);
            Note(MigrationNoteKind.Changed, source, key, $"{exclusive}: false removed (in ODCS v3.1 {exclusive} is a bound, and false was v3.0's default)");
            return;
        }

        if (options.KeyNode(bound) is { } boundKey && options[bound] is SourceScalar { IsNull: false } value && !source.Slice(value).Contains('\n'))
        {
            edits.Replace(source.Offset(flag.Span.Line, flag.Span.Column), source.End(flag), source.Slice(value));
            TextEditing.DeleteEntry(source, edits, options, boundKey);
            Note(MigrationNoteKind.Changed, source, key, $"{exclusive}: true with {bound}: {value.Value} → {exclusive}: {value.Value} (ODCS v3.1 gives the exclusive bound itself)");
            return;
        }

        Note(MigrationNoteKind.Attention, source, key, $"{exclusive}: true has no {bound} beside it, so there is no bound to carry over: ODCS v3.1 needs {exclusive} to be the bound itself. Set it, or remove the flag.");
    }

    private static bool SameScalar(SourceNode? a, SourceNode? b) =>
        a is SourceScalar x && b is SourceScalar y && x.Kind == y.Kind && string.Equals(x.Value, y.Value, StringComparison.Ordinal);

    /// <summary>A value written before its key is an alias of a node anchored elsewhere: editing it there would edit every use.</summary>
    private static bool IsAliased(SourceScalar key, SourceNode value) =>
        value.Span.Line < key.Span.Line || (value.Span.Line == key.Span.Line && value.Span.Column < key.Span.Column);

    // ------------------------------------------------------------------ pass 2

    /// <summary>
    /// Moves every key the v3.1.0 schema refuses, and the file's own version accepted, into the customProperties
    /// of the object holding it. Objects without customProperties (SLA entries, logicalTypeOptions, pricing, …)
    /// keep the key, and it is reported.
    /// </summary>
    private void KeepClosedKeys(SourceText source, SourceMapping root, TextEdits edits, HashSet<int> alreadyUnknown)
    {
        var diagnostics = SchemaValidator.Validate(root, DocumentKind.Contract);
        var index = KeyIndex.Build(root);
        var moves = new Dictionary<SourceMapping, List<SourceScalar>>(ReferenceEqualityComparer.Instance);
        var order = new List<SourceMapping>();
        foreach (var diagnostic in diagnostics.Where(IsUnknownProperty))
        {
            var offset = source.Offset(diagnostic.Line, diagnostic.Column);
            if (alreadyUnknown.Contains(offset) || !index.TryGet(diagnostic.Line, diagnostic.Column, out var key, out var owner, out var role))
            {
                continue;
            }

            if (!role.HasCustomProperties || owner.KeyNode(key.Value) != key || (owner["customProperties"] is { } existing && existing is not SourceSequence))
            {
                Note(MigrationNoteKind.Attention, source, key,
                    $"'{key.Value}' is not part of ODCS v3.1 in {role.Description} (the v3.0.x schema let it pass, v3.1.0 does not), and there is no customProperties here to keep it in: move it or remove it.", pass: 2);
                continue;
            }

            if (Anchored().IsMatch(source.Text[source.Offset(key.Span.Line, key.Span.Column)..source.LineEnd(source.LastContentLine(owner[key.Value]!))]))
            {
                // Moving an anchor could put it after an alias that uses it.
                Note(MigrationNoteKind.Attention, source, key,
                    $"'{key.Value}' is not part of ODCS v3.1 in {role.Description}, and holds a YAML anchor (&) that moving it into customProperties could break: move it there by hand, or remove it.", pass: 2);
                continue;
            }

            if (!moves.TryGetValue(owner, out var keys))
            {
                moves[owner] = keys = [];
                order.Add(owner);
            }

            if (!keys.Contains(key))
            {
                keys.Add(key);
            }
        }

        foreach (var owner in order.OrderByDescending(o => source.Offset(o.Span.Line, o.Span.Column)))
        {
            var keys = moves[owner];
            if (!TextEditing.MoveToCustomProperties(source, edits, owner, keys))
            {
                foreach (var key in keys)
                {
                    Note(MigrationNoteKind.Attention, source, key, $"'{key.Value}' is not part of ODCS v3.1 here, and could not be moved into customProperties as written (a flow collection holding it): move it into customProperties or remove it.", pass: 2);
                }

                continue;
            }

            foreach (var key in keys)
            {
                // The key's own line is gone: the note goes to the object now holding it in customProperties.
                Note(MigrationNoteKind.Info, source, owner.Entries[0].Key,
                    $"'{key.Value}' is not part of ODCS v3.1 here (v3.0.x let it pass): kept as a custom property (customProperties: property {key.Value}), its value as written. Tools that read '{key.Value}' must read it from there.", pass: 2);
            }
        }
    }

    /// <summary>
    /// A key the schema does not allow where it is: MG1102, or MG1106 when only a condition forbids it (a field
    /// of another server type). The finding sits at the key itself.
    /// </summary>
    internal static bool IsUnknownProperty(Diagnostic diagnostic) =>
        diagnostic.Id == DiagnosticCatalog.SchemaUnknownProperty.Id
        || (diagnostic.Id == DiagnosticCatalog.SchemaConditional.Id && diagnostic.Message.StartsWith("Property '", StringComparison.Ordinal) && diagnostic.Message.Contains("' is not allowed", StringComparison.Ordinal));

    /// <summary>Keys of a tree by position, with the object holding each and what that object is.</summary>
    private sealed class KeyIndex
    {
        private readonly Dictionary<(int, int), (SourceScalar Key, SourceMapping Owner, Role Role)> _keys = [];

        public static KeyIndex Build(SourceMapping root)
        {
            var index = new KeyIndex();
            var visited = new HashSet<SourceNode>(ReferenceEqualityComparer.Instance);
            index.Add(root, new Role(true, "the contract's top level"), visited);
            return index;
        }

        public bool TryGet(int line, int column, out SourceScalar key, out SourceMapping owner, out Role role)
        {
            var found = _keys.TryGetValue((line, column), out var entry);
            (key, owner, role) = entry;
            return found;
        }

        private void Add(SourceNode node, Role role, HashSet<SourceNode> visited)
        {
            if (!visited.Add(node))
            {
                return;
            }

            switch (node)
            {
                case SourceMapping mapping:
                    foreach (var (key, value) in mapping.Entries)
                    {
                        _keys.TryAdd((key.Span.Line, key.Span.Column), (key, mapping, role));
                        AddChild(value, key.Value, role, visited);
                    }

                    break;
                case SourceSequence sequence:
                    foreach (var item in sequence.Items)
                    {
                        Add(item, role, visited);
                    }

                    break;
            }
        }

        /// <summary>What a value is, from the key holding it: the objects ODCS v3.1 gives customProperties.</summary>
        private void AddChild(SourceNode value, string key, Role parent, HashSet<SourceNode> visited)
        {
            var role = key switch
            {
                "schema" or "properties" or "items" => new Role(true, "a schema element"),
                "servers" => new Role(true, "a server"),
                "roles" => new Role(true, "a role"),
                "support" => new Role(true, "a support channel"),
                "team" => new Role(true, "the team"),
                "members" when parent.Description == "the team" => new Role(true, "a team member"),
                "quality" => new Role(true, "a quality check"),
                "relationships" => new Role(true, "a relationship"),
                "description" when parent.Description == "the contract's top level" => new Role(true, "the contract's description"),
                "slaProperties" => new Role(false, "an SLA entry"),
                "price" => new Role(false, "the price"),
                "authoritativeDefinitions" => new Role(false, "an authoritative definition"),
                "customProperties" => new Role(false, "a custom property"),
                "logicalTypeOptions" => new Role(false, "logicalTypeOptions"),
                "arguments" => new Role(false, "a quality check's arguments"),
                _ => new Role(false, $"'{key}'"),
            };

            if (role.Description == "the team" && value is SourceSequence)
            {
                // A team still written as a list (pass 1 rewrites it; an aliased one stays): its items are members.
                role = new Role(true, "a team member");
            }

            Add(value, role, visited);
        }
    }

    private readonly record struct Role(bool HasCustomProperties, string Description);

    [System.Text.RegularExpressions.GeneratedRegex(@"(?:^|[\s\[{,:-])&[^\s\[\]{},]+")]
    private static partial System.Text.RegularExpressions.Regex Anchored();
}
