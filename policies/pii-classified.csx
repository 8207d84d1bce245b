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
//   keySuffixes: [id, key, type, uuid, guid, pk, fk, sk]
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
var keySuffixes = Params.List("keySuffixes").Select(k => k.ToLowerInvariant()).Where(k => k.Length > 0).ToHashSet(StringComparer.Ordinal);
var camelBoundary = new Regex("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", RegexOptions.CultureInvariant);
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
            match = Personal(element.Name);
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

// The patterns are matched against the name as lowercase words joined by '_' (customerEmail, customer-email
// and CUSTOMER_EMAIL all read customer_email). A name whose last word is a key suffix (address_id,
// addressid, phonenumbertypeid) is a key or a code, not personal data, unless the pattern itself covers
// that word (national_id, tax_id).
(string Text, Regex Regex) Personal(string name)
{
    var words = Regex.Split(camelBoundary.Replace(name, "_"), "[^A-Za-z0-9]+", RegexOptions.CultureInvariant)
        .Where(w => w.Length > 0).Select(w => w.ToLowerInvariant()).ToList();
    if (words.Count == 0)
    {
        return default;
    }

    // A key suffix glued to the last word (addressid, billtoaddressid) is split off; the rest keeps 4
    // letters or more so that words such as valid or paid stay whole.
    var last = words[^1];
    var glued = keySuffixes.Where(k => last.Length >= k.Length + 4 && last.EndsWith(k, StringComparison.Ordinal)).OrderByDescending(k => k.Length).FirstOrDefault();
    if (glued is not null && !keySuffixes.Contains(last))
    {
        words[^1] = last[..^glued.Length];
        words.Add(glued);
    }

    var text = string.Join("_", words);
    var isKey = words.Count > 1 && keySuffixes.Contains(words[^1]);
    var keyStart = text.Length - words[^1].Length;
    foreach (var pattern in patterns)
    {
        foreach (Match m in pattern.Regex.Matches(text))
        {
            if (m.Length > 0 && (!isKey || m.Index + m.Length > keyStart))
            {
                return pattern;
            }
        }
    }

    return default;
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
