// ---
// id: critical-elements-have-quality
// title: Critical data elements are covered by a quality rule
// enforcement: soft-mandatory
// category: quality
// rationale: >-
//   Marking a field as a critical data element says that reports, money or regulatory figures depend on
//   it. That claim is only worth something when the field's quality is checked: a critical element without
//   any quality rule fails silently, and consumers learn about it from a wrong number in a board report.
// scope: contracts
// params:
//   includePrimaryKeys: false
//   objectRulesMustName: false
// ---
var includePrimaryKeys = Params.Boolean("includePrimaryKeys");
var mustName = Params.Boolean("objectRulesMustName");

foreach (var contract in Mesh.Contracts)
{
    foreach (var element in contract.AllElements())
    {
        if (element.IsObject || !(element.CriticalDataElement || (includePrimaryKeys && element.PrimaryKey)))
        {
            continue;
        }

        if (element.SelfAndDescendants().Any(e => e.Quality.Count > 0))
        {
            continue;
        }

        var ancestors = Ancestors(element).ToList();
        var covered = mustName
            ? ancestors.SelectMany(a => a.Quality).Any(rule => Names(rule, element.Name))
            : ancestors.Any(a => a.Quality.Count > 0);
        if (covered)
        {
            continue;
        }

        var what = element.CriticalDataElement ? "Critical data element" : "Primary key";
        var root = ancestors[^1];
        var where = mustName
            ? $"under its own 'quality', or on the schema object '{root.Name}' with a rule that names it (arguments.properties: [{element.Name}])"
            : $"under its own 'quality', or on the schema object '{root.Name}'";
        Fail(element, "name", $"{what} '{PathOf(element)}' of data contract '{contract.Id}' is covered by no quality rule; add one {where}, such as a nullValues or duplicateValues check with mustBe: 0.");
    }
}

// Whether an object-level rule is about this element: listed in arguments.properties, or named as a word
// in its query, implementation or description.
bool Names(QualityRule rule, string name)
{
    if (rule.Source.GetMapping("arguments")?.GetStrings("properties").Contains(name) == true)
    {
        return true;
    }

    var word = new Regex($@"(^|[^A-Za-z0-9_]){Regex.Escape(name)}($|[^A-Za-z0-9_])", RegexOptions.CultureInvariant);
    var texts = new[] { rule.Query, rule.Source.GetString("implementation"), rule.Description };
    return texts.Any(t => t is not null && word.IsMatch(t));
}

IEnumerable<SchemaElement> Ancestors(SchemaElement element)
{
    for (var parent = element.Parent; parent is not null; parent = parent.Parent)
    {
        yield return parent;
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
