// ---
// id: dates-iso8601
// title: Dates and timestamps are written, and formatted, in ISO 8601
// enforcement: soft-mandatory
// category: interoperability
// rationale: >-
//   Dates cross every boundary of a mesh: between domains, tools, countries and time zones. 03/04/2025 is
//   March in one country and April in the next; a timestamp without an offset is a different instant on
//   each server. ISO 8601 (YYYY-MM-DD, hh:mm:ss, an explicit offset) is the one form every tool and reader
//   parses the same way, and the one the standards' own date fields expect.
// scope: [products, contracts]
// params:
//   dateProperties: [generalAvailability, endOfSupport, endOfLife]
//   timeProperties: [timeOfAvailability]
//   allowSpaceSeparator: true
// ---
using MeshGovernance.Model.Yaml;

var dateProperties = Params.List("dateProperties");
var timeProperties = Params.List("timeProperties");
var allowSpace = Params.Boolean("allowSpaceSeparator");
var separator = allowSpace ? "[T ]" : "T";

// Values.
var zone = @"(Z|[+-][0-9]{2}(:?[0-9]{2})?)";
var dateValue = new Regex(@"^([0-9]{4})-([0-9]{2})-([0-9]{2})$", RegexOptions.CultureInvariant);
var dateTimeValue = new Regex($@"^([0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}){separator}([0-9]{{2}}):([0-9]{{2}})(:([0-9]{{2}})([.,][0-9]{{1,9}})?)?{zone}?$", RegexOptions.CultureInvariant);
var timeValue = new Regex($@"^([0-9]{{2}}):([0-9]{{2}})(:([0-9]{{2}})([.,][0-9]{{1,9}})?)?{zone}?$", RegexOptions.CultureInvariant);

// Java DateTimeFormatter patterns (what ODCS's logicalTypeOptions.format holds) that produce ISO 8601 text.
var zonePattern = @"(XXX|XX|X|xxx|xx|x|ZZZZZ|ZZZ|ZZ|Z|'Z')";
var datePattern = new Regex(@"^(yyyy|uuuu)-MM-dd$", RegexOptions.CultureInvariant);
var timestampPattern = new Regex($@"^(yyyy|uuuu)-MM-dd({(allowSpace ? "'T'| " : "'T'")})HH:mm(:ss(\.S{{1,9}})?)?{zonePattern}?$", RegexOptions.CultureInvariant);
var timePattern = new Regex($@"^HH:mm(:ss(\.S{{1,9}})?)?{zonePattern}?$", RegexOptions.CultureInvariant);

// Format names from JSON Schema (and RFC 3339, an ISO 8601 profile), which datacontract-cli writes.
var namedFormats = new HashSet<string>(["date", "date-time", "time", "iso8601", "iso-8601"], StringComparer.OrdinalIgnoreCase);

bool IsDate(string text) =>
    dateValue.IsMatch(text) && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

bool IsClock(string hours, string minutes, string seconds) =>
    int.Parse(hours, CultureInfo.InvariantCulture) <= 23 && int.Parse(minutes, CultureInfo.InvariantCulture) <= 59 && (seconds.Length == 0 || int.Parse(seconds, CultureInfo.InvariantCulture) <= 60);

bool IsDateTime(string text, bool needsZone)
{
    var m = dateTimeValue.Match(text);
    return m.Success && IsDate(m.Groups[1].Value) && IsClock(m.Groups[2].Value, m.Groups[3].Value, m.Groups[5].Value) && (!needsZone || m.Groups[7].Success);
}

bool IsTime(string text)
{
    var m = timeValue.Match(text);
    return m.Success && IsClock(m.Groups[1].Value, m.Groups[2].Value, m.Groups[4].Value);
}

// ODCS v3.0 has no timestamp type, so its date columns hold date-times too; a date-time is ISO 8601 there.
bool IsValue(string logicalType, string text, bool needsZone) => logicalType switch
{
    "date" => IsDate(text) || IsDateTime(text, needsZone: false),
    "timestamp" => IsDateTime(text, needsZone),
    _ => IsTime(text),
};

string Shape(string logicalType, bool needsZone) => logicalType switch
{
    "date" => "YYYY-MM-DD (or a full timestamp), such as 2025-04-03",
    "timestamp" => needsZone
        ? "YYYY-MM-DDThh:mm:ss with an offset, such as 2025-04-03T09:15:27Z or 2025-04-03T11:15:27+02:00"
        : "YYYY-MM-DDThh:mm:ss, with an offset where the time zone matters, such as 2025-04-03T09:15:27Z",
    _ => "hh:mm or hh:mm:ss, such as 06:00",
};

string Text(SourceNode node) => node is SourceScalar scalar ? scalar.Value : "(a " + (node is SourceMapping ? "mapping" : "list") + ")";

foreach (var asset in Mesh.Products.Cast<DomainAsset>().Concat(Mesh.Contracts))
{
    var kind = asset is DataProduct ? "Data product" : "Data contract";

    // productCreatedTs / contractCreatedTs: an ISO 8601 UTC timestamp in both standards.
    var createdKey = asset is DataProduct ? "productCreatedTs" : "contractCreatedTs";
    if (asset.Source[createdKey] is { } created && !(created is SourceScalar { IsNull: true }))
    {
        if (!(created is SourceScalar c && IsDateTime(c.Value, needsZone: true)))
        {
            Fail(asset, createdKey, $"{kind} '{asset.Id}' has {createdKey} '{Text(created)}', which is not an ISO 8601 timestamp with an offset; write it as {Shape("timestamp", true)}, in quotes.");
        }
    }

    // Dates in custom properties (products have no slaProperties, so end-of-life dates often live here).
    foreach (var custom in asset.Source.GetMappings("customProperties"))
    {
        var name = custom.GetString("property") ?? string.Empty;
        if (custom["value"] is not { } value || value is SourceScalar { IsNull: true })
        {
            continue;
        }

        if (dateProperties.Contains(name) && !(value is SourceScalar s && (IsDate(s.Value) || IsDateTime(s.Value, needsZone: false))))
        {
            Fail(asset, "customProperties", $"{kind} '{asset.Id}' has the custom property '{name}' set to '{Text(value)}', which is not an ISO 8601 date; write it as YYYY-MM-DD (or a full timestamp), in quotes.");
        }
        else if (timeProperties.Contains(name) && !(value is SourceScalar t && IsTime(t.Value)))
        {
            Fail(asset, "customProperties", $"{kind} '{asset.Id}' has the custom property '{name}' set to '{Text(value)}', which is not an ISO 8601 time of day; write it as {Shape("time", false)}, in quotes.");
        }
    }

    // Team members' dateIn and dateOut (both standards: YYYY-MM-DD); the ODCS v3.0 list form included.
    var members = asset.Source["team"] is SourceSequence list
        ? list.Items.OfType<SourceMapping>()
        : asset.Source.GetMapping("team")?.GetMappings("members") ?? [];
    foreach (var member in members)
    {
        foreach (var key in new[] { "dateIn", "dateOut" })
        {
            if (member[key] is { } date && !(date is SourceScalar { IsNull: true }) && !(date is SourceScalar d && IsDate(d.Value)))
            {
                Fail(asset, "team", $"{kind} '{asset.Id}' gives team member '{member.GetString("username") ?? "?"}' the {key} '{Text(date)}', which is not an ISO 8601 date; write it as YYYY-MM-DD, in quotes.");
            }
        }
    }

    if (asset is not DataContract contract)
    {
        continue;
    }

    foreach (var sla in contract.SlaProperties)
    {
        if (sla.Source["value"] is not SourceNode value || value is SourceScalar { IsNull: true })
        {
            continue;
        }

        if (dateProperties.Contains(sla.Property) && !(value is SourceScalar s && (IsDate(s.Value) || IsDateTime(s.Value, needsZone: false))))
        {
            Fail(sla, "value", $"Data contract '{contract.Id}' promises {sla.Property} '{Text(value)}', which is not an ISO 8601 date; write it as YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ, in quotes.");
        }
        else if (timeProperties.Contains(sla.Property) && !(value is SourceScalar t && IsTime(t.Value)))
        {
            Fail(sla, "value", $"Data contract '{contract.Id}' promises {sla.Property} '{Text(value)}', which is not an ISO 8601 time of day; write it as {Shape("time", false)}, in quotes (put the time zone in 'unit' or the description).");
        }
    }

    foreach (var element in contract.AllElements())
    {
        if (element.LogicalType is not ("date" or "timestamp" or "time"))
        {
            continue;
        }

        var type = element.LogicalType!;
        var what = $"Property '{PathOf(element)}'";
        var options = element.Source.GetMapping("logicalTypeOptions");
        var needsZone = type == "timestamp" && options?.GetBoolean("timezone") == true;
        var isoFormat = true;

        if (options?["format"] is SourceScalar { IsNull: false } format)
        {
            var iso = namedFormats.Contains(format.Value) || type switch
            {
                "date" => datePattern.IsMatch(format.Value) || timestampPattern.IsMatch(format.Value),
                "timestamp" => timestampPattern.IsMatch(format.Value),
                _ => timePattern.IsMatch(format.Value),
            };
            if (!iso)
            {
                isoFormat = false;
                var hint = Regex.IsMatch(format.Value, "YYYY|DD")
                    ? " (in a Java DateTimeFormatter pattern, which logicalTypeOptions.format is, YYYY is the week-based year and DD the day of the year)"
                    : string.Empty;
                var suggestion = type switch
                {
                    "date" when !format.Value.Contains('H') => "yyyy-MM-dd",
                    "date" or "timestamp" => "yyyy-MM-dd'T'HH:mm:ssXXX",
                    _ => "HH:mm:ss",
                };
                Fail(element, "logicalTypeOptions", $"{what} of data contract '{contract.Id}' has the {type} format '{format.Value}', which does not produce ISO 8601 text{hint}; use '{suggestion}', or leave the format out (ISO 8601 is the default).");
            }
        }

        if (!isoFormat)
        {
            continue; // the examples follow the declared format; fix the format first
        }

        var bad = (element.Source["examples"] as SourceSequence)?.Items
            .Where(i => !(i is SourceScalar { IsNull: true }))
            .Where(i => !(i is SourceScalar s && IsValue(type, s.Value, needsZone)))
            .Select(Text)
            .ToList() ?? [];
        if (bad.Count > 0)
        {
            var zoneNote = needsZone ? " (logicalTypeOptions.timezone is true, so each needs an offset)" : string.Empty;
            Fail(element, "examples", $"{what} of data contract '{contract.Id}' is a {type}, but its example{(bad.Count == 1 ? "" : "s")} {string.Join(", ", bad.Select(b => "'" + b + "'"))} {(bad.Count == 1 ? "is" : "are")} not ISO 8601{zoneNote}; write {Shape(type, needsZone)}.");
        }

        foreach (var bound in new[] { "minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum" })
        {
            if (options?[bound] is { } limit && !(limit is SourceScalar { IsNull: true }) && !(limit is SourceScalar l && IsValue(type, l.Value, needsZone: false)))
            {
                Fail(element, "logicalTypeOptions", $"{what} of data contract '{contract.Id}' has logicalTypeOptions.{bound} '{Text(limit)}', which is not an ISO 8601 {type}; write {Shape(type, false)}, in quotes.");
            }
        }
    }
}

string PathOf(SchemaElement element)
{
    var parts = new List<string>();
    for (var e = element; e is not null; e = e.Parent)
    {
        parts.Add(e.Name.Length == 0 ? "[]" : e.Name);
    }

    parts.Reverse();
    return string.Join(".", parts).Replace(".[]", "[]", StringComparison.Ordinal);
}
