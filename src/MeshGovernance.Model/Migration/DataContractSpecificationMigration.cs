using System.Text.RegularExpressions;
using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Schemas;
using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Model.Migration;

/// <summary>
/// Rewrites a Data Contract Specification (DCS 0.9.x–1.x, datacontract.com) file as an ODCS v3.1.0 contract.
/// The two standards are shaped differently (DCS keys models, fields and servers by name; ODCS lists them), so
/// the document is written anew, in ODCS's order, with each comment taken to the entry its key became. Every
/// value with a field of its own in ODCS goes there (info → top-level fields and description, models → schema
/// objects, fields → properties with logicalType, physicalType and logicalTypeOptions, enum → an invalidValues
/// check, references → relationships, servers → servers, terms → description, servicelevels → slaProperties,
/// links → authoritativeDefinitions); what has none is kept, as written, in the customProperties of the nearest
/// object (ODCS's home for what the standard does not define), and every such value is listed. The mapping
/// follows datacontract-cli's own DCS importer where the standards leave a choice.
/// </summary>
internal sealed partial class DataContractSpecificationMigration
{
    /// <summary>Keys of a DCS definition that describe the definition itself, not the field that uses it.</summary>
    private static readonly string[] DefinitionMetadataKeys = ["domain", "name"];

    private readonly string _file;
    private readonly SourceMapping _root;
    private readonly YamlComments _comments;
    private readonly List<MigrationNote> _notes = [];
    private readonly Dictionary<OutNode, SourceNode> _origins = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<string> _usedDefinitions = new(StringComparer.Ordinal);

    /// <summary>The definitions being written out, outermost first: a <c>$ref</c> to one of them is a cycle.</summary>
    private readonly List<string> _expanding = [];

    /// <summary>Nodes (<see cref="SourceNode.ExpandedSize"/>) written out again for definitions already written out once.</summary>
    private long _expandedNodes;

    /// <summary>The first <c>$ref</c> left unexpanded because of <see cref="MaxExpandedNodes"/>, and how many were.</summary>
    private (SourceScalar At, string Path)? _capHit;
    private int _capped;

    /// <summary>
    /// How many nodes the definitions may add to a file by being written out more than once. A definition's first
    /// use is free (it is bounded by the file); repeats are not, so that definitions referring to each other
    /// several times (each one twice the next, thirty deep) cannot make the migration exponential.
    /// </summary>
    internal const int MaxExpandedNodes = 10_000;

    /// <summary>The nesting of a model's field in the document: root, schema, the object, properties, the property.</summary>
    private const int FieldDepth = 5;

    private DataContractSpecificationMigration(string file, SourceMapping root, YamlComments comments)
    {
        _file = file;
        _root = root;
        _comments = comments;
    }

    /// <summary>ODCS v3.1.0 server types (schema <c>Server.type</c>).</summary>
    private static readonly HashSet<string> OdcsServerTypes =
    [
        "api", "athena", "azure", "bigquery", "clickhouse", "databricks", "denodo", "dremio", "duckdb", "glue", "cloudsql",
        "db2", "hive", "impala", "informix", "kafka", "kinesis", "local", "mysql", "oracle", "postgresql", "postgres",
        "presto", "pubsub", "redshift", "s3", "sftp", "snowflake", "sqlserver", "synapse", "trino", "vertica", "zen", "custom",
    ];

    /// <summary>DCS field types → ODCS v3.1 logical types; the DCS type itself is kept as the physicalType.</summary>
    private static readonly Dictionary<string, string?> LogicalTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["string"] = "string", ["text"] = "string", ["varchar"] = "string",
        ["int"] = "integer", ["integer"] = "integer", ["long"] = "integer", ["bigint"] = "integer",
        ["number"] = "number", ["decimal"] = "number", ["numeric"] = "number", ["float"] = "number", ["double"] = "number",
        ["boolean"] = "boolean",
        ["timestamp"] = "timestamp", ["timestamp_tz"] = "timestamp", ["timestamp_ntz"] = "timestamp",
        ["date"] = "date", ["time"] = "time",
        ["array"] = "array",
        ["object"] = "object", ["record"] = "object", ["struct"] = "object",
        ["map"] = null, ["bytes"] = null, ["variant"] = null, ["json"] = null, ["null"] = null,
    };

    /// <summary>The logicalTypeOptions ODCS v3.1 allows for each logical type.</summary>
    private static readonly Dictionary<string, string[]> OptionsByType = new(StringComparer.Ordinal)
    {
        ["string"] = ["minLength", "maxLength", "pattern", "format"],
        ["integer"] = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "format"],
        ["number"] = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "format"],
        ["date"] = ["format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"],
        ["timestamp"] = ["format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "timezone", "defaultTimezone"],
        ["time"] = ["format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "timezone", "defaultTimezone"],
        ["array"] = ["minItems", "maxItems", "uniqueItems"],
        ["object"] = ["minProperties", "maxProperties", "required"],
        ["boolean"] = [],
    };

    private static readonly string[] FieldOptions = ["minLength", "maxLength", "pattern", "format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"];

    private static readonly Dictionary<string, string[]> NumberFormats = new(StringComparer.Ordinal)
    {
        ["integer"] = ["i8", "i16", "i32", "i64", "i128", "u8", "u16", "u32", "u64", "u128"],
        ["number"] = ["f32", "f64"],
    };

    public static MigrationResult Migrate(string text, string file, SourceMapping root, string version)
    {
        var migration = new DataContractSpecificationMigration(file, root, YamlComments.Read(text, root));
        var document = migration.Convert();
        var newLine = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var output = migration.Settle(document, newLine);
        foreach (var (at, count, what) in migration._comments.Untaken())
        {
            migration._notes.Add(new MigrationNote(MigrationNoteKind.Info, at with { File = file },
                $"{count} comment{(count == 1 ? "" : "s")} {what} could not be attached to the new document (what {(count == 1 ? "it describes" : "they describe")} has no place of its own there)"));
        }

        var notes = migration._notes.OrderBy(n => n.Line).ThenBy(n => n.Column).ToList();
        return new MigrationResult(file, MigrationOutcome.Migrated, "Data Contract Specification " + version, output, notes);
    }

    // ------------------------------------------------------------------ notes and origins

    private void Note(MigrationNoteKind kind, SourceNode at, string message) =>
        _notes.Add(new MigrationNote(kind, at.Span with { File = _file }, message));

    private T From<T>(T node, SourceNode origin)
        where T : OutNode
    {
        _origins.TryAdd(node, origin);
        return node;
    }

    private OutNode Copy(SourceNode node) => Track(OutNode.From(node), node);

    /// <summary>Records where each node of a copied subtree came from.</summary>
    private OutNode Track(OutNode copy, SourceNode origin)
    {
        _origins.TryAdd(copy, origin);
        switch (copy, origin)
        {
            case (OutMapping m, SourceMapping s):
                for (var i = 0; i < m.Entries.Count && i < s.Entries.Count; i++)
                {
                    Track(m.Entries[i].Value, s.Entries[i].Value);
                }

                break;
            case (OutSequence q, SourceSequence s):
                for (var i = 0; i < q.Items.Count && i < s.Items.Count; i++)
                {
                    Track(q.Items[i], s.Items[i]);
                }

                break;
        }

        return copy;
    }

    private OutEntry Put(OutMapping target, string key, OutNode value, SourceScalar? sourceKey)
    {
        var entry = target.Add(key, value);
        _comments.Attach(entry, sourceKey);
        return entry;
    }

    /// <summary>Copies a source entry, as written, to a target key (the same name unless given).</summary>
    private void PutCopy(OutMapping target, SourceMapping source, string key, string? renamed = null)
    {
        if (source.KeyNode(key) is { } sourceKey && source[key] is { } value && !SourceText.IsEmptyScalar(value))
        {
            Put(target, renamed ?? key, Copy(value), sourceKey);
        }
    }

    /// <summary>Keys with no ODCS field, and each entry of a DCS <c>config</c> block, as custom properties of the target.</summary>
    private void KeepAsCustom(OutMapping target, IEnumerable<KeyValuePair<SourceScalar, SourceNode>> entries, Func<string, string> configWhy, Func<string, string> why)
    {
        foreach (var (key, value) in entries)
        {
            if (key.Value == "config" && value is SourceMapping config)
            {
                foreach (var (configKey, configValue) in config.Entries)
                {
                    AddCustom(target, configKey.Value, configValue, configKey, configWhy(configKey.Value));
                }

                continue;
            }

            AddCustom(target, key.Value, value, key, why(key.Value));
        }
    }

    private void AddCustom(OutMapping target, string property, SourceNode value, SourceScalar? sourceKey, string? why = null, MigrationNoteKind kind = MigrationNoteKind.Info)
    {
        if (target["customProperties"] is not OutSequence list)
        {
            list = new OutSequence();
            target.Add("customProperties", list);
        }

        var item = From(new OutMapping(), value);
        var entry = item.Add("property", property);
        _comments.Attach(entry, sourceKey);
        item.Add("value", SourceText.IsEmptyScalar(value) ? OutScalar.Null : Copy(value));
        list.Items.Add(item);
        Note(kind, (SourceNode?)sourceKey ?? value, why ?? $"'{property}' has no field of its own in ODCS v3.1: kept as a custom property, as written");
    }

    // ------------------------------------------------------------------ the document

    private OutMapping Convert()
    {
        var odcs = From(new OutMapping(), _root);
        var specKey = _root.KeyNode("dataContractSpecification")!;
        odcs.Add("apiVersion", OdcsV30Migration.Target);
        odcs.Add("kind", "DataContract");
        _comments.Attach(odcs.Entries[0], specKey);
        Note(MigrationNoteKind.Changed, specKey, $"dataContractSpecification {_root.GetString("dataContractSpecification")} → apiVersion {OdcsV30Migration.Target}, kind DataContract");

        PutCopy(odcs, _root, "id");
        var info = _root.GetMapping("info");
        var handled = new HashSet<string>(StringComparer.Ordinal) { "dataContractSpecification", "id", "info", "terms", "models", "definitions", "servers", "servicelevels", "links", "tags", "quality" };
        if (info is not null)
        {
            PutCopy(odcs, info, "title", "name");
            if (info.KeyNode("version") is { } versionKey && info["version"] is SourceScalar { IsNull: false } version)
            {
                Put(odcs, "version", From(OutScalar.String(version.Value), version), versionKey);
            }

            if (info.KeyNode("status") is { } statusKey && info["status"] is SourceScalar { IsNull: false } status)
            {
                Put(odcs, "status", From(OutScalar.String(status.Value), status), statusKey);
            }
        }

        if (!odcs.ContainsKey("version"))
        {
            Note(MigrationNoteKind.Attention, (SourceNode?)info ?? _root, "info.version is missing and ODCS requires a version: set version.");
        }

        if (!odcs.ContainsKey("status"))
        {
            odcs.Add("status", "draft");
            Note(MigrationNoteKind.Attention, (SourceNode?)info?.KeyNode("version") ?? (SourceNode?)info ?? _root,
                "the contract states no info.status, and ODCS requires a status: it is set to 'draft' (proposed, draft, active, deprecated, retired). Set the real one.");
        }

        PutCopy(odcs, _root, "tags");
        var description = Description(info);
        if (description.Entries.Count > 0)
        {
            _comments.Attach(odcs.Add("description", description), _root.KeyNode("terms"));
        }

        if (_root.KeyNode("models") is { } modelsKey && _root["models"] is SourceMapping models)
        {
            var schema = From(new OutSequence(), models);
            foreach (var (name, model) in models.Entries)
            {
                if (model is SourceMapping m)
                {
                    schema.Items.Add(SchemaObject(name, m));
                }
            }

            Put(odcs, "schema", schema, modelsKey);
            Note(MigrationNoteKind.Changed, modelsKey, $"models → schema: {models.Entries.Count} object{(models.Entries.Count == 1 ? "" : "s")}, their fields → properties");
        }

        if (_root.KeyNode("servers") is { } serversKey && _root["servers"] is SourceMapping servers)
        {
            var list = From(new OutSequence(), servers);
            foreach (var (name, server) in servers.Entries)
            {
                if (server is SourceMapping s)
                {
                    list.Items.Add(Server(name, s));
                }
            }

            Put(odcs, "servers", list, serversKey);
            Note(MigrationNoteKind.Changed, serversKey, "servers → servers (a list, each named by server)");
        }

        if (info is not null && Team(info) is { } team)
        {
            odcs.Add("team", team);
        }

        if (_root.KeyNode("servicelevels") is { } slaKey && _root["servicelevels"] is SourceMapping levels)
        {
            var sla = ServiceLevels(levels, odcs);
            if (sla.Items.Count > 0)
            {
                Put(odcs, "slaProperties", sla, slaKey);
            }
        }

        // DCS 0.9 kept the links in info, 1.x at the top level.
        foreach (var owner in new[] { info, _root })
        {
            if (owner?.KeyNode("links") is { } linksKey && owner["links"] is SourceMapping links)
            {
                var linked = Links(links);
                if (odcs["authoritativeDefinitions"] is OutSequence existing)
                {
                    existing.Items.AddRange(linked.Items);
                }
                else
                {
                    Put(odcs, "authoritativeDefinitions", linked, linksKey);
                }

                Note(MigrationNoteKind.Changed, linksKey, $"{(owner == info ? "info.links" : "links")} → authoritativeDefinitions (type: the link's name, url: the link)");
            }
        }

        if (_root.KeyNode("quality") is { } qualityKey && _root["quality"] is { } quality)
        {
            ContractQuality(odcs, qualityKey, quality);
        }

        if (_root.KeyNode("definitions") is { } definitionsKey && _root["definitions"] is SourceMapping definitions)
        {
            var unused = definitions.Entries.Where(e => !_usedDefinitions.Contains(e.Key.Value)).ToList();
            foreach (var (name, definition) in unused)
            {
                AddCustom(odcs, "definitions." + name, definition, name,
                    $"definition '{name.Value}' is used by no field ($ref), so it has no place in the schema: kept as a custom property of the contract");
            }

        }

        foreach (var (key, value) in _root.Entries.Where(e => !handled.Contains(e.Key.Value)))
        {
            AddCustom(odcs, key.Value, value, key);
        }

        if (info is not null)
        {
            foreach (var (key, value) in info.Entries.Where(e => e.Key.Value is not ("title" or "version" or "status" or "description" or "owner" or "contact" or "links")))
            {
                AddCustom(odcs, "info." + key.Value, value, key);
            }
        }

        if (_capHit is var (capAt, capPath))
        {
            Note(MigrationNoteKind.Attention, capAt,
                $"the definitions refer to each other so often that writing them all out would add more than {MaxExpandedNodes:N0} nodes to the contract: from the $ref of '{capPath}' on, a definition written out once already is not written out again ({_capped:N0} $ref{(_capped == 1 ? " is" : "s are")} kept as custom properties instead). Write the fields out, or share fewer definitions.");
        }

        Order(odcs, TopLevelOrder);
        return odcs;
    }

    /// <summary>The order of the top-level fields, as the standard's documents list them.</summary>
    private static readonly string[] TopLevelOrder =
        ["apiVersion", "kind", "id", "name", "version", "status", "domain", "tenant", "tags", "description", "schema", "servers", "team", "roles", "support", "slaProperties", "authoritativeDefinitions", "customProperties"];

    /// <summary>Puts a mapping's entries in the given order (others after, as they are), and customProperties last in every mapping below.</summary>
    private static void Order(OutNode node, string[]? order = null)
    {
        switch (node)
        {
            case OutMapping mapping:
                var sorted = mapping.Entries
                    .Select((e, i) => (e, i))
                    .OrderBy(x => order is not null && Array.IndexOf(order, x.e.Key) is var k and >= 0 ? k : (x.e.Key == "customProperties" ? int.MaxValue : (order?.Length ?? 0) + x.i))
                    .Select(x => x.e)
                    .ToList();
                mapping.Entries.Clear();
                mapping.Entries.AddRange(sorted);
                foreach (var entry in mapping.Entries)
                {
                    Order(entry.Value);
                }

                break;
            case OutSequence sequence:
                foreach (var item in sequence.Items)
                {
                    Order(item);
                }

                break;
        }
    }

    private OutMapping Description(SourceMapping? info)
    {
        var description = From(new OutMapping(), (SourceNode?)info ?? _root);
        if (info is not null)
        {
            PutCopy(description, info, "description", "purpose");
        }

        if (_root["terms"] is not SourceMapping terms)
        {
            return description;
        }

        var termsKey = _root.KeyNode("terms");
        PutCopy(description, terms, "usage");
        PutCopy(description, terms, "limitations");
        Note(MigrationNoteKind.Changed, termsKey!, "terms → description (usage, limitations; policies with a url → authoritativeDefinitions; the rest → its customProperties)");
        if (terms["policies"] is SourceSequence policies)
        {
            var definitions = From(new OutSequence(), policies);
            foreach (var policy in policies.Items)
            {
                if (policy is SourceMapping p && p.GetString("url") is not null && (p.GetString("name") ?? p.GetString("type")) is { } type)
                {
                    var definition = From(new OutMapping(), p);
                    definition.Add("type", type);
                    PutCopy(definition, p, "url");
                    PutCopy(definition, p, "description");
                    definitions.Items.Add(definition);
                    foreach (var (key, value) in p.Entries.Where(e => e.Key.Value is not ("name" or "type" or "url" or "description")))
                    {
                        Note(MigrationNoteKind.Attention, key, $"'{key.Value}' of the policy '{type}' has no place in an ODCS authoritative definition: not carried over.");
                    }
                }
                else
                {
                    AddCustom(description, "policy", policy, null, "a policy without a url (or a name) cannot be an ODCS authoritative definition: kept as a custom property of the description");
                }
            }

            if (definitions.Items.Count > 0)
            {
                Put(description, "authoritativeDefinitions", definitions, terms.KeyNode("policies"));
            }
        }

        foreach (var (key, value) in terms.Entries.Where(e => e.Key.Value is not ("usage" or "limitations" or "policies")))
        {
            AddCustom(description, key.Value, value, key, $"terms.{key.Value} has no field of its own in ODCS v3.1: kept as a custom property of the description");
        }

        return description;
    }

    private OutMapping? Team(SourceMapping info)
    {
        if (!info.ContainsKey("owner") && info["contact"] is not SourceMapping)
        {
            return null;
        }

        var team = From(new OutMapping(), info);
        if (info.KeyNode("owner") is { } ownerKey && info["owner"] is SourceScalar { IsNull: false } owner)
        {
            Put(team, "name", From(OutScalar.String(owner.Value), owner), ownerKey);
            Note(MigrationNoteKind.Changed, ownerKey, "info.owner → team.name");
        }

        if (info.KeyNode("contact") is { } contactKey && info["contact"] is SourceMapping contact)
        {
            // datacontract-cli's names, so that a contract converted by either tool reads the same.
            var names = new Dictionary<string, string> { ["name"] = "contactName", ["url"] = "contactUrl", ["email"] = "contactEmail" };
            if (team.Entries.FirstOrDefault() is { } first)
            {
                _comments.Attach(first, contactKey);
            }
            foreach (var (key, value) in contact.Entries)
            {
                var property = names.GetValueOrDefault(key.Value, "contact." + key.Value);
                AddCustom(team, property, value, key, $"info.contact.{key.Value} → a custom property '{property}' of the team (ODCS has no contact; datacontract-cli's name)");
            }
        }

        return team;
    }

    // ------------------------------------------------------------------ schema

    private OutMapping SchemaObject(SourceScalar name, SourceMapping model)
    {
        var result = From(new OutMapping(), model);
        Put(result, "name", From(OutScalar.String(name.Value), name), name);
        PutCopy(result, model, "title", "businessName");
        PutCopy(result, model, "type", "physicalType");
        PutCopy(result, model, "description");
        var primaryKey = model["primaryKey"] is SourceSequence keys ? keys.Items.OfType<SourceScalar>().Select(k => k.Value).ToList() : [];
        if (model.KeyNode("fields") is { } fieldsKey && model["fields"] is SourceMapping fields)
        {
            var properties = From(new OutSequence(), fields);
            foreach (var (fieldName, field) in fields.Entries)
            {
                if (field is SourceMapping f)
                {
                    var position = primaryKey.IndexOf(fieldName.Value);
                    properties.Items.Add(Property(fieldName, f, position >= 0 ? position + 1 : null, $"{name.Value}.{fieldName.Value}", FieldDepth));
                }
            }

            Put(result, "properties", properties, fieldsKey);
        }

        if (model.KeyNode("primaryKey") is { } pkKey)
        {
            Note(MigrationNoteKind.Changed, pkKey, "primaryKey → primaryKey and primaryKeyPosition of each property named");
            foreach (var missing in primaryKey.Where(k => model["fields"] is not SourceMapping f || !f.ContainsKey(k)))
            {
                Note(MigrationNoteKind.Attention, pkKey, $"primaryKey names '{missing}', which is not a field of '{name.Value}': not carried over.");
            }
        }

        if (model.KeyNode("quality") is { } qualityKey && model["quality"] is SourceSequence quality)
        {
            Put(result, "quality", Quality(quality), qualityKey);
        }

        KeepAsCustom(result, model.Entries.Where(e => e.Key.Value is not ("title" or "type" or "description" or "fields" or "primaryKey" or "quality")),
            key => $"config.{key} of model '{name.Value}' has no field in ODCS: kept as a custom property of the schema object",
            key => $"'{key}' of model '{name.Value}' has no field of its own in an ODCS schema object: kept as a custom property");

        return result;
    }

    /// <param name="depth">How deep the property's mapping is in the document (the root mapping is 1).</param>
    private OutMapping Property(SourceScalar name, SourceMapping original, int? primaryKeyPosition, string path, int depth)
    {
        var field = Resolve(original, path, depth, out var expanded);
        try
        {
            return Property(name, original, field, primaryKeyPosition, path, depth);
        }
        finally
        {
            if (expanded)
            {
                _expanding.RemoveAt(_expanding.Count - 1);
            }
        }
    }

    private OutMapping Property(SourceScalar name, SourceMapping original, FieldView field, int? primaryKeyPosition, string path, int depth)
    {
        var result = From(new OutMapping(), original);
        Put(result, "name", From(OutScalar.String(name.Value), name), name);
        if (field.Get("title") is { } title && !SourceText.IsEmptyScalar(title))
        {
            Put(result, "businessName", Copy(title), field.KeyOf("title"));
        }

        string? logicalType = null;
        if (field.Get("type") is SourceScalar { IsNull: false } type)
        {
            LogicalTypes.TryGetValue(type.Value, out logicalType);
            if (logicalType is not null)
            {
                Put(result, "logicalType", From(OutScalar.String(logicalType), type), null);
            }
            else
            {
                Note(MigrationNoteKind.Info, type, $"type '{type.Value}' of '{path}' has no ODCS logical type: kept as the physicalType only");
            }

            Put(result, "physicalType", From(OutScalar.String(type.Value), type), field.KeyOf("type"));
        }

        foreach (var key in new[] { "description", "required", "unique" })
        {
            if (field.Get(key) is { } value && !SourceText.IsEmptyScalar(value))
            {
                Put(result, key, Copy(value), field.KeyOf(key));
            }
        }

        var isPrimary = field.Get("primaryKey") ?? field.Get("primary");
        if (isPrimary is SourceScalar { Kind: ScalarKind.Boolean })
        {
            Put(result, "primaryKey", Copy(isPrimary), field.KeyOf("primaryKey") ?? field.KeyOf("primary"));
        }

        if (primaryKeyPosition is { } position)
        {
            result.Add("primaryKey", OutScalar.Boolean(true));
            result.Add("primaryKeyPosition", OutScalar.Integer(position));
        }

        if (field.Get("classification") is { } classification)
        {
            Put(result, "classification", Copy(classification), field.KeyOf("classification"));
        }

        var options = new OutMapping();
        var allowed = logicalType is null ? null : OptionsByType[logicalType];
        var leftovers = new List<string>();
        foreach (var option in FieldOptions)
        {
            if (field.Get(option) is not { } value)
            {
                continue;
            }

            var fits = allowed is null || allowed.Contains(option);
            if (fits && option == "format" && logicalType is not null && NumberFormats.TryGetValue(logicalType, out var formats))
            {
                fits = value is SourceScalar s && formats.Contains(s.Value);
            }

            if (fits)
            {
                Put(options, option, Copy(value), field.KeyOf(option));
            }
            else
            {
                leftovers.Add(option);
            }
        }

        if (options.Entries.Count > 0)
        {
            result.Add("logicalTypeOptions", options);
        }

        if (field.Get("examples") is SourceSequence examples)
        {
            Put(result, "examples", Copy(examples), field.KeyOf("examples"));
        }
        else if (field.Get("example") is { } example)
        {
            Put(result, "examples", new OutSequence([Copy(example)]), field.KeyOf("example"));
        }

        if (field.Get("tags") is { } tags)
        {
            Put(result, "tags", Copy(tags), field.KeyOf("tags"));
        }

        if (field.Get("fields") is SourceMapping nested)
        {
            var properties = From(new OutSequence(), nested);
            foreach (var (nestedName, nestedField) in nested.Entries)
            {
                if (nestedField is SourceMapping f)
                {
                    properties.Items.Add(Property(nestedName, f, null, $"{path}.{nestedName.Value}", depth + 2));
                }
            }

            Put(result, "properties", properties, field.KeyOf("fields"));
        }

        if (field.Get("items") is SourceMapping items)
        {
            var item = Property(field.KeyOf("items")!, items, null, path + "[]", depth + 1);
            item.Remove("name");
            Put(result, "items", item, null);
        }

        if (field.Get("references") is SourceScalar { IsNull: false } references)
        {
            if (ShorthandReference().IsMatch(references.Value))
            {
                var relationship = From(new OutMapping(), references);
                relationship.Add("to", From(OutScalar.String(references.Value), references));
                Put(result, "relationships", new OutSequence([relationship]), field.KeyOf("references"));
                Note(MigrationNoteKind.Changed, field.KeyOf("references")!, $"references {references.Value} → relationships: [{{to: {references.Value}}}] (an ODCS foreign key)");
            }
            else
            {
                leftovers.Add("references");
            }
        }

        var quality = new OutSequence();
        if (field.Get("enum") is SourceSequence values)
        {
            var check = From(new OutMapping(), values);
            check.Add("metric", "invalidValues");
            var arguments = new OutMapping();
            arguments.Add("validValues", Copy(values));
            check.Add("arguments", arguments);
            check.Add("mustBe", OutScalar.Integer(0));
            quality.Items.Add(check);
            _comments.Attach(check.Entries[0], field.KeyOf("enum"));
            Note(MigrationNoteKind.Changed, field.KeyOf("enum")!, $"enum of '{path}' → a quality check (metric invalidValues, arguments.validValues, mustBe: 0), where ODCS keeps allowed values");
        }

        if (field.Get("quality") is SourceSequence fieldQuality)
        {
            quality.Items.AddRange(Quality(fieldQuality).Items);
        }

        if (quality.Items.Count > 0)
        {
            Put(result, "quality", quality, field.KeyOf("quality"));
        }

        if (field.Get("lineage") is SourceMapping lineage)
        {
            Lineage(result, lineage, field.KeyOf("lineage")!);
        }

        if (field.Get("links") is SourceMapping links)
        {
            Put(result, "authoritativeDefinitions", Links(links), field.KeyOf("links"));
        }

        var known = new HashSet<string>(StringComparer.Ordinal)
        {
            "title", "type", "description", "required", "unique", "primaryKey", "primary", "classification", "examples", "example",
            "tags", "fields", "items", "references", "enum", "quality", "lineage", "links",
        };
        known.UnionWith(FieldOptions);
        foreach (var option in leftovers)
        {
            AddCustom(result, option, field.Get(option)!, field.KeyOf(option),
                option == "references"
                    ? $"references '{ScalarText(field.Get(option))}' of '{path}' is not an ODCS object.property reference: kept as a custom property"
                    : $"{option} of '{path}' is no logicalTypeOptions of logical type '{logicalType}' in ODCS v3.1: kept as a custom property");
        }

        KeepAsCustom(result, field.Entries.Where(e => !known.Contains(e.Key.Value)),
            key => $"config.{key} of '{path}' has no field in ODCS: kept as a custom property",
            key => $"'{key}' of '{path}' has no field of its own in an ODCS property: kept as a custom property");

        return result;
    }

    private static string ScalarText(SourceNode? node) => node is SourceScalar s ? s.Value : "…";

    private void Lineage(OutMapping property, SourceMapping lineage, SourceScalar lineageKey)
    {
        if (lineage["inputFields"] is SourceSequence inputs)
        {
            var sources = From(new OutSequence(), inputs);
            foreach (var input in inputs.Items.OfType<SourceMapping>())
            {
                var parts = new[] { input.GetString("namespace"), input.GetString("name"), input.GetString("field") }.Where(p => p is not null);
                sources.Items.Add(From(OutScalar.String(string.Join('.', parts)), input));
            }

            Put(property, "transformSourceObjects", sources, lineageKey);
        }

        if (lineage.KeyNode("transformationDescription") is { } descriptionKey && lineage["transformationDescription"] is { } description)
        {
            Put(property, "transformDescription", Copy(description), descriptionKey);
        }

        Note(MigrationNoteKind.Changed, lineageKey, "lineage → transformSourceObjects (namespace.name.field) and transformDescription");
        foreach (var (key, value) in lineage.Entries.Where(e => e.Key.Value is not ("inputFields" or "transformationDescription")))
        {
            AddCustom(property, "lineage." + key.Value, value, key);
        }
    }

    private OutSequence Links(SourceMapping links)
    {
        var definitions = From(new OutSequence(), links);
        foreach (var (name, url) in links.Entries)
        {
            var definition = From(new OutMapping(), url);
            Put(definition, "type", From(OutScalar.String(name.Value), name), name);
            definition.Add("url", Copy(url));
            definitions.Items.Add(definition);
        }

        return definitions;
    }

    /// <summary>
    /// A field with its <c>$ref</c> resolved: the definition's values, overridden by the field's own. A reference
    /// that would recurse (the definition is being written out already), nest the document too deep, or go past
    /// <see cref="MaxExpandedNodes"/> is not expanded but kept, as written, as a custom property.
    /// </summary>
    /// <param name="expanded">True when the definition was pushed on <see cref="_expanding"/>: the caller pops it.</param>
    private FieldView Resolve(SourceMapping field, string path, int depth, out bool expanded)
    {
        expanded = false;
        var view = new FieldView(field);
        if (field.KeyNode("$ref") is not { } refKey || field["$ref"] is not SourceScalar { IsNull: false } reference)
        {
            return view;
        }

        const string Local = "#/definitions/";
        var name = reference.Value.StartsWith(Local, StringComparison.Ordinal) ? reference.Value[Local.Length..] : null;
        if (name is null || _root["definitions"] is not SourceMapping definitions || definitions[name] is not SourceMapping definition)
        {
            view.Leftover(refKey, reference);
            Note(MigrationNoteKind.Attention, refKey,
                $"$ref '{reference.Value}' of '{path}' is not a definition of this file, so its type and constraints cannot be brought in: kept as a custom property. Write the field's definition out.");
            return view;
        }

        if (_expanding.IndexOf(name) is var start and >= 0)
        {
            var cycle = string.Join(" → ", _expanding.Skip(start).Append(name).Select(d => $"'{d}'"));
            view.Leftover(refKey, reference);
            Note(MigrationNoteKind.Attention, refKey,
                $"$ref '{reference.Value}' of '{path}': definition '{name}' refers to itself ({cycle}), so it cannot be written out in the property: not expanded here, the $ref is kept as a custom property. Write out the levels the data has, or model the link as a relationship.");
            return view;
        }

        // The deepest a definition's values go once written out (a value kept as a custom property nests two levels more).
        if (depth + definition.Height + 2 > YamlLimits.Default.MaxDepth)
        {
            view.Leftover(refKey, reference);
            Note(MigrationNoteKind.Attention, refKey,
                $"$ref '{reference.Value}' of '{path}': written out here, definition '{name}' would nest the contract deeper than {YamlLimits.Default.MaxDepth} levels: not expanded, the $ref is kept as a custom property. Flatten the definitions.");
            return view;
        }

        if (_usedDefinitions.Contains(name))
        {
            if (_capHit is not null || _expandedNodes + definition.ExpandedSize > MaxExpandedNodes)
            {
                _capHit ??= (refKey, path);
                _capped++;
                view.Leftover(refKey, reference);
                return view;
            }

            _expandedNodes += definition.ExpandedSize;
        }

        _expanding.Add(name);
        expanded = true;
        if (_usedDefinitions.Add(name))
        {
            foreach (var metadata in DefinitionMetadataKeys.Select(definition.KeyNode).OfType<SourceScalar>())
            {
                Note(MigrationNoteKind.Info, metadata, $"{metadata.Value} of definition '{name}' describes the definition (DCS deprecated it), not the field: not carried over");
            }
        }

        foreach (var overridden in view.Base(definition))
        {
            Note(MigrationNoteKind.Info, overridden, $"{overridden.Value} of definition '{name}' is not carried to '{path}': the field sets its own");
        }

        Note(MigrationNoteKind.Changed, refKey, $"$ref to definition '{name}' of '{path}' → its values written out in the property (ODCS has no shared definitions)");
        return view;
    }

    /// <summary>A field's entries, over the entries of the definition it refers to.</summary>
    private sealed class FieldView(SourceMapping field)
    {
        private readonly List<KeyValuePair<SourceScalar, SourceNode>> _entries = [.. field.Entries];

        public List<KeyValuePair<SourceScalar, SourceNode>> Entries => _entries;

        public SourceNode? Get(string key) => _entries.FirstOrDefault(e => e.Key.Value == key).Value;

        public SourceScalar? KeyOf(string key) => _entries.FirstOrDefault(e => e.Key.Value == key).Key;

        /// <summary>Takes the definition's entries the field does not set (a definition's deprecated domain and name are metadata of the definition).</summary>
        /// <returns>The definition's keys the field overrides.</returns>
        public List<SourceScalar> Base(SourceMapping definition)
        {
            var overridden = new List<SourceScalar>();
            _entries.RemoveAll(e => e.Key.Value == "$ref");
            foreach (var entry in definition.Entries.Where(e => e.Key.Value is not ("domain" or "name")))
            {
                if (_entries.Any(e => e.Key.Value == entry.Key.Value))
                {
                    overridden.Add(entry.Key);
                }
                else
                {
                    _entries.Add(entry);
                }
            }

            return overridden;
        }

        /// <summary>Keeps an unresolvable <c>$ref</c> so that it ends up among the custom properties.</summary>
        public void Leftover(SourceScalar key, SourceNode value)
        {
            _entries.RemoveAll(e => e.Key.Value == "$ref");
            _entries.Add(new(key, value));
        }
    }

    // ------------------------------------------------------------------ quality

    private OutSequence Quality(SourceSequence checks)
    {
        var result = From(new OutSequence(), checks);
        foreach (var item in checks.Items)
        {
            if (item is not SourceMapping check)
            {
                result.Items.Add(Copy(item));
                continue;
            }

            var odcs = From(new OutMapping(), check);
            foreach (var (key, value) in check.Entries)
            {
                switch (key.Value)
                {
                    case "mustBeGreaterThanOrEqualTo":
                        Put(odcs, "mustBeGreaterOrEqualTo", Copy(value), key);
                        Note(MigrationNoteKind.Changed, key, "mustBeGreaterThanOrEqualTo → mustBeGreaterOrEqualTo (the same operator, ODCS's spelling)");
                        break;
                    case "mustBeLessThanOrEqualTo":
                        Put(odcs, "mustBeLessOrEqualTo", Copy(value), key);
                        Note(MigrationNoteKind.Changed, key, "mustBeLessThanOrEqualTo → mustBeLessOrEqualTo (the same operator, ODCS's spelling)");
                        break;
                    case "rule" when value is SourceScalar rule && !check.ContainsKey("metric") && QualityRuleMapping.Find(rule.Value) is { } target:
                        Put(odcs, "metric", From(OutScalar.String(target.Metric), rule), key);
                        if (target.ImpliedOperator is not null && !QualityRuleMapping.Operators.Any(check.ContainsKey))
                        {
                            odcs.Add("mustBe", OutScalar.Integer(0));
                        }

                        Note(MigrationNoteKind.Changed, key, $"quality rule '{rule.Value}' → metric '{target.Metric}'");
                        break;
                    case "dialect" or "rule" or "model" or "field" or "toolName":
                        AddCustom(odcs, key.Value, value, key, $"'{key.Value}' of a quality check has no field of its own in ODCS v3.1: kept as a custom property of the check");
                        break;
                    default:
                        Put(odcs, key.Value, Copy(value), key);
                        break;
                }
            }

            result.Items.Add(odcs);
        }

        return result;
    }

    /// <summary>
    /// DCS's contract-level quality block (a SodaCL, Great Expectations or Monte Carlo specification) is an ODCS
    /// custom check; ODCS keeps checks on schema objects, so it goes to the only model, or stays a custom property.
    /// </summary>
    private void ContractQuality(OutMapping odcs, SourceScalar qualityKey, SourceNode quality)
    {
        if (quality is SourceSequence)
        {
            AddCustom(odcs, "quality", quality, qualityKey, "a contract-level list of quality checks has no place in ODCS (checks belong to schema objects): kept as a custom property. Move each check to its schema object.", MigrationNoteKind.Attention);
            return;
        }

        var spec = quality as SourceMapping;
        var engine = spec?.GetString("type")?.ToLowerInvariant() switch
        {
            "sodacl" or "soda" => "soda",
            "great-expectations" or "greatexpectations" => "greatExpectations",
            "montecarlo" or "monte-carlo" => "montecarlo",
            { } other => other,
            null => null,
        };
        var implementation = spec?["specification"];
        var schema = odcs["schema"] as OutSequence;
        if (engine is null || implementation is null || implementation is SourceSequence || schema is not { Items.Count: 1 } || spec!.Entries.Count > 2)
        {
            AddCustom(odcs, "quality", quality, qualityKey,
                "the contract-level quality specification cannot be given to one schema object (ODCS keeps checks on schema objects): kept as a custom property of the contract, where no tool runs it. Turn it into checks of the schema objects.",
                MigrationNoteKind.Attention);
            return;
        }

        var target = (OutMapping)schema.Items[0];
        if (target["quality"] is not OutSequence checks)
        {
            checks = new OutSequence();
            target.Add("quality", checks);
        }

        var check = From(new OutMapping(), quality);
        check.Add("type", "custom");
        check.Add("engine", engine);
        check.Add("implementation", Copy(implementation));
        _comments.Attach(check.Entries[0], qualityKey);
        checks.Items.Add(check);
        Note(MigrationNoteKind.Changed, qualityKey, $"the contract's {spec!.GetString("type")} quality specification → a custom check (engine {engine}) of schema object '{target.Entries[0].Value switch { OutScalar s => s.Value, _ => "?" }}', the only one");
    }

    // ------------------------------------------------------------------ servers, SLA

    private OutMapping Server(SourceScalar name, SourceMapping server)
    {
        var result = From(new OutMapping(), server);
        Put(result, "server", From(OutScalar.String(name.Value), name), name);
        var typeKey = server.KeyNode("type");
        var type = server.GetString("type");
        if (type is not null && OdcsServerTypes.Contains(type))
        {
            Put(result, "type", Copy(server["type"]!), typeKey);
        }
        else if (type is not null)
        {
            Put(result, "type", From(OutScalar.String("custom"), server["type"]!), typeKey);
            AddCustom(result, "customType", server["type"]!, null, $"server type '{type}' is not an ODCS server type: type custom, with customType '{type}' as a custom property (datacontract-cli's convention)");
        }

        foreach (var (key, value) in server.Entries.Where(e => e.Key.Value != "type"))
        {
            if (key.Value == "roles" && value is SourceSequence roles)
            {
                var list = From(new OutSequence(), roles);
                foreach (var role in roles.Items.OfType<SourceMapping>())
                {
                    var odcsRole = From(new OutMapping(), role);
                    foreach (var (roleKey, roleValue) in role.Entries)
                    {
                        Put(odcsRole, roleKey.Value == "name" ? "role" : roleKey.Value, Copy(roleValue), roleKey);
                    }

                    list.Items.Add(odcsRole);
                }

                Put(result, "roles", list, key);
                continue;
            }

            // Fields ODCS does not define for this type are moved into customProperties once the result is validated.
            Put(result, key.Value, Copy(value), key);
        }

        return result;
    }

    private OutSequence ServiceLevels(SourceMapping levels, OutMapping odcs)
    {
        var sla = From(new OutSequence(), levels);
        foreach (var (key, value) in levels.Entries)
        {
            if (value is not SourceMapping level)
            {
                AddCustom(odcs, "servicelevels." + key.Value, value, key);
                continue;
            }

            var (property, valueKey, elementKey) = key.Value switch
            {
                "availability" => ("availability", "percentage", null),
                "retention" => ("retention", "period", "timestampField"),
                "latency" => ("latency", "threshold", "sourceTimestampField"),
                "freshness" => ("freshness", "threshold", "timestampField"),
                "frequency" => ("frequency", "interval", null),
                _ => (null, null, null),
            };
            var main = valueKey is null ? null : level[valueKey] as SourceScalar;
            if (key.Value == "frequency" && main is null && level["cron"] is SourceScalar cronOnly)
            {
                main = cronOnly;
                valueKey = "cron";
            }

            if (property is null || main is null || main.IsNull)
            {
                AddCustom(odcs, "servicelevels." + key.Value, level, key,
                    $"servicelevels.{key.Value} has no ODCS SLA property it fits (or states no value): kept, as written, as a custom property of the contract");
                continue;
            }

            var entry = From(new OutMapping(), level);
            Put(entry, "property", From(OutScalar.String(property), key), key);
            var (number, unit) = Duration(main.Value);
            if (number is not null && property != "availability")
            {
                Put(entry, "value", From(new OutScalar(number, number.Contains('.') ? ScalarKind.Float : ScalarKind.Integer), main), level.KeyNode(valueKey!));
                entry.Add("unit", unit!);
            }
            else
            {
                Put(entry, "value", Copy(main), level.KeyNode(valueKey!));
            }

            var used = new HashSet<string>(StringComparer.Ordinal) { valueKey! };
            if (elementKey is not null && level[elementKey] is SourceScalar { IsNull: false } element)
            {
                Put(entry, "element", Copy(element), level.KeyNode(elementKey));
                used.Add(elementKey);
            }

            if (key.Value == "frequency" && valueKey != "cron" && level["cron"] is SourceScalar cron)
            {
                entry.Add("scheduler", "cron");
                Put(entry, "schedule", Copy(cron), level.KeyNode("cron"));
                used.Add("cron");
            }

            if (level["description"] is SourceScalar description)
            {
                Put(entry, "description", Copy(description), level.KeyNode("description"));
                used.Add("description");
            }

            if (key.Value == "retention" && level["unlimited"] is SourceScalar { Kind: ScalarKind.Boolean } unlimited && unlimited.Value.Equals("false", StringComparison.OrdinalIgnoreCase))
            {
                used.Add("unlimited");
                Note(MigrationNoteKind.Info, level.KeyNode("unlimited")!, "retention.unlimited: false is what a retention period says already: not written");
            }

            sla.Items.Add(entry);
            Note(MigrationNoteKind.Changed, key, $"servicelevels.{key.Value} → slaProperties entry '{property}'");
            foreach (var (leftKey, _) in level.Entries.Where(e => !used.Contains(e.Key.Value)))
            {
                Note(MigrationNoteKind.Attention, leftKey,
                    $"servicelevels.{key.Value}.{leftKey.Value} has no place in an ODCS SLA entry (property, value, unit, element, description, scheduler, schedule): not carried over. Add it to the entry's description, or as an SLA entry of its own.");
            }
        }

        return sla;
    }

    /// <summary>A duration as a number and an ODCS unit: <c>25h</c>, <c>1 d</c>, <c>P1Y</c>, <c>PT30M</c>; (null, null) when it is none.</summary>
    private static (string? Value, string? Unit) Duration(string text)
    {
        var simple = SimpleDuration().Match(text.Trim());
        if (simple.Success)
        {
            var unit = simple.Groups[2].Value.ToLowerInvariant() switch
            {
                "s" or "sec" or "second" or "seconds" => "s",
                "m" or "min" or "minute" or "minutes" => "m",
                "h" or "hr" or "hour" or "hours" => "h",
                "d" or "day" or "days" => "d",
                "w" or "week" or "weeks" => "w",
                "y" or "yr" or "year" or "years" => "y",
                _ => null,
            };
            return unit is null ? (null, null) : (simple.Groups[1].Value, unit);
        }

        var iso = IsoDuration().Match(text.Trim());
        if (iso.Success)
        {
            var unit = (iso.Groups[1].Success, iso.Groups[3].Value) switch
            {
                (false, "Y") => "y",
                (false, "W") => "w",
                (false, "D") => "d",
                (true, "H") => "h",
                (true, "M") => "m",
                (true, "S") => "s",
                _ => null,
            };
            return unit is null ? (null, null) : (iso.Groups[2].Value, unit);
        }

        return (null, null);
    }

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)\s*([A-Za-z]+)$")]
    private static partial Regex SimpleDuration();

    [GeneratedRegex(@"^P(T)?(\d+(?:\.\d+)?)([YMWDHS])$", RegexOptions.IgnoreCase)]
    private static partial Regex IsoDuration();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex ShorthandReference();

    // ------------------------------------------------------------------ settle: validate, keep what ODCS refuses

    /// <summary>
    /// Writes the document and validates it with the ODCS v3.1.0 schema. A key the schema refuses in an object
    /// with customProperties (a server field ODCS does not define for its type, …) moves there, as written; what
    /// still fails is reported at the value it came from.
    /// </summary>
    private string Settle(OutMapping document, string newLine)
    {
        var header = _comments.Header;
        string text = YamlOutput.Write(document, header, newLine);
        for (var round = 0; round < 4; round++)
        {
            var read = YamlDocumentReader.Read(text, _file);
            if (read.Root is null || read.Diagnostics.Count > 0)
            {
                throw new InvalidOperationException($"The ODCS written for {_file} does not read back as YAML ({(read.Diagnostics.Count > 0 ? read.Diagnostics[0].Message : null)}); this is a defect in the migration.");
            }

            var diagnostics = SchemaValidator.Validate(read.Root, DocumentKind.Contract);
            var paths = PathIndex.Build(read.Root);
            var moved = false;
            foreach (var diagnostic in diagnostics.Where(OdcsV30Migration.IsUnknownProperty))
            {
                if (paths.KeyAt(diagnostic.Line, diagnostic.Column) is not { } path || Navigate(document, path.SkipLast(1)) is not OutMapping owner || !HasCustomProperties(path))
                {
                    continue;
                }

                var key = (string)path[^1];
                if (owner.Entries.FirstOrDefault(e => e.Key == key) is not { } entry)
                {
                    // Reported twice (unknown, and unknown for the server's type): moved already.
                    continue;
                }

                owner.Entries.Remove(entry);
                if (owner["customProperties"] is not OutSequence list)
                {
                    list = new OutSequence();
                    owner.Add("customProperties", list);
                }

                var item = new OutMapping();
                var property = item.Add("property", key);
                property.CommentsBefore.AddRange(entry.CommentsBefore);
                property.TrailingComment = entry.TrailingComment;
                item.Add("value", entry.Value);
                list.Items.Add(item);
                var origin = _origins.GetValueOrDefault(entry.Value) ?? _origins.GetValueOrDefault(owner) ?? _root;
                _notes.Add(new MigrationNote(MigrationNoteKind.Info, origin.Span with { File = _file },
                    $"'{key}' is not an ODCS v3.1 field of {Describe(path)}: kept as a custom property, as written"));
                moved = true;
            }

            if (!moved)
            {
                foreach (var diagnostic in diagnostics.Where(d => d.Level == DiagnosticLevel.Error))
                {
                    var at = paths.NodeAt(diagnostic.Line, diagnostic.Column) is { } path && Origin(document, path) is { } origin ? origin : (SourceNode)_root;
                    _notes.Add(new MigrationNote(MigrationNoteKind.Attention, at.Span with { File = _file }, $"not valid for ODCS {OdcsV30Migration.Target} once migrated: {diagnostic.Message}"));
                }

                if (_comments.Footer.Count > 0)
                {
                    text = text + string.Join(newLine, _comments.Footer) + newLine;
                }

                return text;
            }

            text = YamlOutput.Write(document, header, newLine);
        }

        return text;
    }

    private static bool HasCustomProperties(IReadOnlyList<object> path)
    {
        // The owner is what holds the refused key: the path without its last element.
        var owner = path.Take(path.Count - 1).ToList();
        var lastKey = owner.OfType<string>().LastOrDefault();
        return owner.Count == 0 || lastKey is "schema" or "properties" or "items" or "servers" or "roles" or "support" or "team" or "members" or "quality" or "relationships"
            || (owner.Count == 1 && lastKey == "description");
    }

    private static string Describe(IReadOnlyList<object> path)
    {
        var owner = path.Take(path.Count - 1).ToList();
        return owner.Count == 0 ? "the contract" : string.Concat(owner.Select(p => p is int i ? $"[{i}]" : "." + p)).TrimStart('.');
    }

    private SourceNode? Origin(OutMapping document, IReadOnlyList<object> path)
    {
        for (var length = path.Count; length >= 0; length--)
        {
            if (Navigate(document, path.Take(length)) is { } node && _origins.TryGetValue(node, out var origin))
            {
                return origin;
            }
        }

        return null;
    }

    private static OutNode? Navigate(OutNode node, IEnumerable<object> path)
    {
        var current = node;
        foreach (var step in path)
        {
            current = (current, step) switch
            {
                (OutMapping m, string key) => m[key],
                (OutSequence s, int index) when index < s.Items.Count => s.Items[index],
                _ => null,
            };
            if (current is null)
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>The path (keys and list indexes) of every key and value of a document, by position.</summary>
    private sealed class PathIndex
    {
        private readonly Dictionary<(int, int), List<object>> _keys = [];
        private readonly Dictionary<(int, int), List<object>> _nodes = [];

        public static PathIndex Build(SourceMapping root)
        {
            var index = new PathIndex();
            index.Add(root, []);
            return index;
        }

        public List<object>? KeyAt(int line, int column) => _keys.GetValueOrDefault((line, column));

        public List<object>? NodeAt(int line, int column) => _nodes.GetValueOrDefault((line, column)) ?? _keys.GetValueOrDefault((line, column));

        private void Add(SourceNode node, List<object> path)
        {
            _nodes.TryAdd((node.Span.Line, node.Span.Column), path);
            switch (node)
            {
                case SourceMapping mapping:
                    foreach (var (key, value) in mapping.Entries)
                    {
                        var child = new List<object>(path) { key.Value };
                        _keys.TryAdd((key.Span.Line, key.Span.Column), child);
                        Add(value, child);
                    }

                    break;
                case SourceSequence sequence:
                    for (var i = 0; i < sequence.Items.Count; i++)
                    {
                        Add(sequence.Items[i], new List<object>(path) { i });
                    }

                    break;
            }
        }
    }
}
