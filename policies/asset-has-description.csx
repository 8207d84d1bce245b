// ---
// id: asset-has-description
// title: Data products and contracts have a name and say what they are for
// enforcement: advisory
// category: documentation
// rationale: >-
//   A data mesh only works when people outside the owning team can find and understand data without a
//   meeting. A product or contract without a name and a stated purpose cannot be judged fit for use from
//   the catalog, so consumers either misuse it or ask the owners the same questions again and again.
// scope: [products, contracts]
// params:
//   requiredFields: [purpose]
//   minPurposeLength: 20
// ---
var requiredFields = Params.List("requiredFields");
var minPurposeLength = Params.Integer("minPurposeLength");

foreach (var asset in Mesh.Products.Cast<DomainAsset>().Concat(Mesh.Contracts))
{
    var kind = asset is DataProduct ? "Data product" : "Data contract";
    var file = asset is DataProduct ? ".odps.yaml" : ".odcs.yaml";

    if (string.IsNullOrWhiteSpace(asset.Name))
    {
        Fail(asset, "name", $"{kind} '{asset.Id}' has no name; set 'name' in its {file} to the short name consumers know it by.");
    }

    var description = asset.Source.GetMapping("description");
    if (asset.Source["description"] is MeshGovernance.Model.Yaml.SourceScalar { IsNull: false } plain && plain.Value.Trim().Length > 0)
    {
        Fail(asset, "description", $"{kind} '{asset.Id}' gives its description as plain text; write it as a mapping with purpose (and usage, limitations), so that catalogs can show each part: 'description: {{ purpose: ... }}'.");
        continue;
    }

    if (description is null)
    {
        var fields = string.Join(", ", requiredFields.Select(f => "description." + f));
        Fail(asset, "description", $"{kind} '{asset.Id}' has no description; add a 'description' mapping with {fields}, written for someone outside your team.");
        continue;
    }

    foreach (var field in requiredFields)
    {
        var text = description.GetString(field);
        if (string.IsNullOrWhiteSpace(text))
        {
            Fail(asset, "description", $"{kind} '{asset.Id}' has no description.{field}; {Advice(field)}");
        }
        else if (field == "purpose" && text.Trim().Length < minPurposeLength)
        {
            Fail(asset, "description", $"{kind} '{asset.Id}' states its purpose in {text.Trim().Length} characters ('{text.Trim()}'); write at least {minPurposeLength}: what the data is and which decisions or processes it supports.");
        }
    }
}

string Advice(string field) => field switch
{
    "purpose" => "say what the data is and which decisions or processes it supports.",
    "usage" => "say how consumers are expected to use the data (joins, filters, typical questions).",
    "limitations" => "say what the data does not cover and what it must not be used for.",
    _ => "fill it in for consumers outside your team.",
};
