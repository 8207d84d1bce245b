namespace MeshGovernance.Model.Migration;

/// <summary>
/// How an ODCS v3.0.x library quality <c>rule</c> becomes an ODCS v3.1.0 <c>metric</c>. ODCS v3.0 named its
/// library rules only by example (<c>duplicateCount</c>, <c>validValues</c>, <c>rowCount</c>; the standard's
/// own examples also use <c>nullCheck</c> and <c>countCheck</c>); v3.1.0 defines five metrics
/// (<c>nullValues</c>, <c>missingValues</c>, <c>invalidValues</c>, <c>duplicateValues</c>, <c>rowCount</c>),
/// each compared with exactly one operator. A rule is carried over only when its name says what it counts.
/// </summary>
internal static class QualityRuleMapping
{
    /// <summary>The v3.1.0 metrics (schema <c>DataQualityLibrary.metric</c>).</summary>
    public static IReadOnlyList<string> Metrics { get; } = ["nullValues", "missingValues", "invalidValues", "duplicateValues", "rowCount"];

    /// <summary>The comparison operators of v3.1.0 (<c>DataQualityOperators</c>): a check has exactly one.</summary>
    public static IReadOnlyList<string> Operators { get; } =
        ["mustBe", "mustNotBe", "mustBeGreaterThan", "mustBeGreaterOrEqualTo", "mustBeLessThan", "mustBeLessOrEqualTo", "mustBeBetween", "mustNotBeBetween"];

    /// <summary>A v3.0 rule's v3.1 metric, and the operator its name implies when the check gives none.</summary>
    /// <param name="ImpliedOperator">
    /// For a rule whose name states the expected result (<c>nullCheck</c>: no nulls; <c>validValues</c>: every value
    /// valid), the operator that says so (<c>mustBe: 0</c>), as the standard's own v3.1.0 examples write it.
    /// </param>
    public sealed record Target(string Metric, string? ImpliedOperator, string Why);

    private static readonly Dictionary<string, Target> Targets = new(StringComparer.Ordinal)
    {
        ["nullValues"] = new("nullValues", null, "the v3.1 metric of the same name"),
        ["missingValues"] = new("missingValues", null, "the v3.1 metric of the same name"),
        ["invalidValues"] = new("invalidValues", null, "the v3.1 metric of the same name"),
        ["duplicateValues"] = new("duplicateValues", null, "the v3.1 metric of the same name"),
        ["rowCount"] = new("rowCount", null, "the v3.1 metric of the same name"),
        ["nullCheck"] = new("nullValues", "mustBe: 0", "a null check expects no nulls; the standard's own v3.1.0 full example migrates it so"),
        ["duplicateCount"] = new("duplicateValues", null, "v3.0's duplicate count is v3.1's duplicateValues"),
        ["countCheck"] = new("rowCount", null, "a count check counts rows"),
        ["validValues"] = new("invalidValues", "mustBe: 0", "a valid-values rule expects every value in the list: no invalid values, with the list in arguments.validValues"),
    };

    public static Target? Find(string rule) => Targets.GetValueOrDefault(rule);
}
