using System.Text.RegularExpressions;

namespace MeshGovernance.Model.Schemas;

/// <summary>One entry of a schema's <c>patternProperties</c>.</summary>
internal sealed record PatternProperty(Regex Pattern, CompiledSchema Schema);
