// ---
// id: classification-allowed-values
// title: Classifications use the mesh's agreed levels
// enforcement: soft-mandatory
// category: privacy
// rationale: >-
//   Access control, masking and catalog filters act on classification values. They only work when every
//   domain uses the same small set of levels: a field classified 'secret', 'PII' or 'Confidential' matches
//   no rule and ends up with the least protection instead of the most.
// scope: contracts
// params:
//   allowed: [public, internal, confidential, restricted]
// ---
var allowed = Params.List("allowed");
var levels = string.Join(", ", allowed);

foreach (var contract in Mesh.Contracts)
{
    foreach (var element in contract.AllElements())
    {
        if (element.Source["classification"] is null)
        {
            continue;
        }

        var value = element.Classification;
        if (!string.IsNullOrWhiteSpace(value) && allowed.Contains(value))
        {
            continue;
        }

        var where = $"Property '{PathOf(element)}'";
        if (string.IsNullOrWhiteSpace(value))
        {
            Fail(element, "classification", $"{where} of data contract '{contract.Id}' has an empty classification; use one of: {levels}.");
        }
        else if (!allowed.Contains(value))
        {
            var sameLetters = allowed.FirstOrDefault(a => string.Equals(a, value.Trim(), StringComparison.OrdinalIgnoreCase));
            var advice = sameLetters is not null
                ? $"write it exactly as '{sameLetters}'"
                : $"use one of: {levels} (mark personal data with the tag 'pii' instead of a classification of its own)";
            Fail(element, "classification", $"{where} of data contract '{contract.Id}' is classified '{value}', which is not a level of this mesh; {advice}.");
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
