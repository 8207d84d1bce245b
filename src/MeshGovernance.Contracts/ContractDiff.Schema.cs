using System.Globalization;
using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Contracts;

internal sealed partial class ContractDiff
{
    // Keys of a schema object or property with a rule of their own; the rest are wording or metadata.
    private static readonly HashSet<string> ElementKeys =
    [
        "name", "logicalType", "physicalType", "physicalName", "required", "unique", "primaryKey", "primaryKeyPosition",
        "partitioned", "partitionKeyPosition", "classification", "logicalTypeOptions", "quality", "properties", "items",
    ];

    /// <summary>Where a schema element is: the change path (<c>schema[orders].properties[id]</c>) and its readable name (<c>orders.id</c>).</summary>
    private sealed record ElementAt(string Path, string Name, bool IsObject);

    private void CompareSchema(SourceMapping b, SourceMapping h) =>
        CompareItems(b["schema"], h["schema"], m => m.GetString("name"),
            new ListRules("schema", "object-removed",
                "object-added", (key, _) => $"schema object '{key}' is added",
                "object-removed", (key, _) => $"schema object '{key}' is removed"),
            h,
            (key, path, x, y) => CompareElement(new ElementAt(path, key, IsObject: true), x, y));

    private void CompareProperties(ElementAt parent, SourceMapping b, SourceMapping h) =>
        CompareItems(b["properties"], h["properties"], m => m.GetString("name"),
            new ListRules($"{parent.Path}.properties", "property-removed",
                "property-added", (key, y) => $"property '{parent.Name}.{key}' is added{(SourceNodes.Flag(y, "required") ? " (required)" : "")}",
                "property-removed", (key, _) => $"property '{parent.Name}.{key}' is removed"),
            h,
            (key, path, x, y) => CompareElement(new ElementAt(path, $"{parent.Name}.{key}", IsObject: false), x, y));

    private void CompareItems(ElementAt parent, SourceMapping b, SourceMapping h)
    {
        var at = new ElementAt($"{parent.Path}.items", $"{parent.Name}[]", IsObject: false);
        switch (b["items"], h["items"])
        {
            case (SourceMapping x, SourceMapping y):
                CompareElement(at, x, y);
                break;
            case (SourceMapping x, var y) when SourceNodes.IsNothing(y):
                Add("property-removed", at.Path, $"the items of '{parent.Name}' are no longer described", x, null, h);
                break;
            case (var x, SourceMapping y) when SourceNodes.IsNothing(x):
                Add("property-added", at.Path, $"the items of '{parent.Name}' are described", null, y);
                break;
            case var (x, y):
                CompareValue("metadata-changed", at.Path, $"items of '{parent.Name}'", x, y, h);
                break;
        }
    }

    private void CompareElement(ElementAt at, SourceMapping b, SourceMapping h)
    {
        var logicalTypeChanged = !SourceNodes.Equivalent(b["logicalType"], h["logicalType"]);
        CompareValue("logical-type-changed", $"{at.Path}.logicalType", $"logicalType of '{at.Name}'", b["logicalType"], h["logicalType"], h);
        CompareValue("physical-type-changed", $"{at.Path}.physicalType", $"physicalType of '{at.Name}'", b["physicalType"], h["physicalType"], h);
        CompareValue("physical-name-changed", $"{at.Path}.physicalName", $"physicalName of '{at.Name}'", b["physicalName"], h["physicalName"], h);
        CompareRequired(at, b, h);
        CompareFlag("unique-changed", at, "unique", b, h);
        CompareKeyPosition("primary-key-changed", at, "primaryKey", "primaryKeyPosition", b, h);
        CompareKeyPosition("partitioning-changed", at, "partitioned", "partitionKeyPosition", b, h);
        CompareClassification(at, b, h);

        // Bounds of one logical type say nothing about another: the type change is the breaking change.
        if (!logicalTypeChanged)
        {
            CompareConstraints(at, b["logicalTypeOptions"], h["logicalTypeOptions"], h);
        }

        CompareQuality(at, b["quality"], h["quality"], h);
        CompareProperties(at, b, h);
        CompareItems(at, b, h);
        CompareOther(b, h, at.Path, $"'{at.Name}'", ElementKeys, h);
    }

    private void CompareRequired(ElementAt at, SourceMapping b, SourceMapping h)
    {
        var before = SourceNodes.Flag(b, "required");
        var after = SourceNodes.Flag(h, "required");
        if (before == after)
        {
            return;
        }

        var path = $"{at.Path}.required";
        if (after)
        {
            Add("required-added", path, $"'{at.Name}' becomes required", b["required"], h["required"], h);
        }
        else
        {
            Add("required-removed", path, $"'{at.Name}' is no longer required: consumers may receive nulls", b["required"], h["required"], h);
        }
    }

    private void CompareFlag(string rule, ElementAt at, string key, SourceMapping b, SourceMapping h)
    {
        var before = SourceNodes.Flag(b, key);
        var after = SourceNodes.Flag(h, key);
        if (before != after)
        {
            Add(rule, $"{at.Path}.{key}", $"{key} of '{at.Name}' changes from {Lower(before)} to {Lower(after)}", b[key], h[key], h);
        }
    }

    // primaryKey/primaryKeyPosition and partitioned/partitionKeyPosition: the flag (default false) and the position (default -1).
    private void CompareKeyPosition(string rule, ElementAt at, string flag, string position, SourceMapping b, SourceMapping h)
    {
        CompareFlag(rule, at, flag, b, h);
        var before = SourceNodes.Number(b[position]) ?? -1;
        var after = SourceNodes.Number(h[position]) ?? -1;
        if (!before.Equals(after))
        {
            static string Show(double position) => position < 0 ? "(none)" : position.ToString(CultureInfo.InvariantCulture);
            Add(rule, $"{at.Path}.{position}", $"{position} of '{at.Name}' changes from {Show(before)} to {Show(after)}", b[position], h[position], h);
        }
    }

    private void CompareClassification(ElementAt at, SourceMapping b, SourceMapping h)
    {
        var before = b["classification"];
        var after = h["classification"];
        if (SourceNodes.Equivalent(before, after))
        {
            return;
        }

        var rule = SourceNodes.IsNothing(before) ? "classification-added" : "classification-changed";
        CompareValue(rule, $"{at.Path}.classification", $"classification of '{at.Name}'", before, after, h);
    }

    private static string Lower(bool value) => value ? "true" : "false";
}
