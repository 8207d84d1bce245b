// ---
// id: pii-classified
// title: Properties that look like personal data declare a classification
// enforcement: soft-mandatory
// category: privacy
// rationale: >-
//   Personal data must be found before it can be protected: access roles, masking, retention and
//   data subject requests all start from knowing which fields hold it. A field called email or
//   date_of_birth without a classification is either unprotected or protected by accident; either way the
//   data protection steward cannot tell from the contract.
// scope: contracts
// params:
//   patterns:
//     - 'e_?mail'
//     - 'phone|msisdn|mobile_?number|fax_?number'
//     - '(^|_)(first|last|given|family|middle|maiden|full|recipient|contact|customer)_?name($|_)|surname'
//     - 'birth|(^|_)dob($|_)'
//     - 'address'
//     - 'street|postal_?code|post_?code|zip_?code'
//     - '(^|_)ip(v4|v6)?($|_)'
//     - 'iban|bank_?account|account_?number'
//     - '(^|_)ssn($|_)|social_?security|national_?id|tax_?id|passport|driver_?s?_?licen[cs]e'
//     - 'card_?number|(^|_)pan($|_)|(^|_)cvv($|_)|(^|_)cvc($|_)'
//     - 'gender|ethnicity|religion|biometric'
//     - 'latitude|longitude|geo_?location'
//   openClassifications: [public]
//   exemptTag: not-personal-data
// ---
var patterns = new List<(string Text, Regex Regex)>();
foreach (var text in Params.List("patterns"))
{
    try
    {
        patterns.Add((text, new Regex(text, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))));
    }
    catch (ArgumentException ex)
    {
        throw new ArgumentException($"The pattern '{text}' in the parameter 'patterns' of pii-classified is not a valid regular expression: {ex.Message}");
    }
}

var matchByName = new Dictionary<string, (string Text, Regex Regex)>(StringComparer.Ordinal);
var open = Params.List("openClassifications");
var exemptTag = Params.String("exemptTag");
var exemptAdvice = exemptTag.Length > 0 ? $", or tag it '{exemptTag}' if it holds no personal data" : string.Empty;

foreach (var contract in Mesh.Contracts)
{
    foreach (var element in contract.AllElements())
    {
        if (element.IsObject || element.Name.Length == 0 || (exemptTag.Length > 0 && element.Tags.Contains(exemptTag)))
        {
            continue;
        }

        // Property names repeat across contracts (id, email, created_at): match each distinct name once.
        if (!matchByName.TryGetValue(element.Name, out var match))
        {
            match = patterns.FirstOrDefault(p => p.Regex.IsMatch(element.Name));
            matchByName[element.Name] = match;
        }

        if (match.Regex is null)
        {
            continue;
        }

        var inherited = Ancestors(element).FirstOrDefault(a => !string.IsNullOrWhiteSpace(a.Classification));
        if (string.IsNullOrWhiteSpace(element.Classification) && inherited is null)
        {
            Fail(element, "name", $"Property '{PathOf(element)}' of data contract '{contract.Id}' looks like personal data (its name matches '{match.Text}') but has no classification; set 'classification' (restricted or confidential for personal data) and the tag 'pii'{exemptAdvice}.");
        }
        else if (element.Classification is { } own && open.Contains(own))
        {
            Warn(element, "classification", $"Property '{PathOf(element)}' of data contract '{contract.Id}' looks like personal data (its name matches '{match.Text}') but is classified '{own}'; raise the classification, or have the data protection steward confirm that it holds no personal data{(exemptTag.Length > 0 ? $" and tag it '{exemptTag}'" : string.Empty)}.");
        }
    }
}

IEnumerable<SchemaElement> Ancestors(SchemaElement element)
{
    for (var parent = element.Parent; parent is not null; parent = parent.Parent)
    {
        yield return parent;
    }
}

// orders.customer.email; an array's items show as [] (customer_profiles.addresses[].street).
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
