using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace MeshGovernance.Model.Schemas;

/// <summary>
/// One (sub)schema of a shipped JSON Schema, compiled by <see cref="SchemaCompiler"/>: only the keywords our
/// schemas use, each parsed once, with every <c>$ref</c> resolved to the schema it names. Lists are arrays so
/// that the validator walks them without allocating an enumerator.
/// </summary>
internal sealed class CompiledSchema
{
    /// <summary>Where the schema is in its file, as a JSON pointer (for the compiler's refusals and for tests).</summary>
    public string Location { get; internal set; } = "#";

    public SchemaTypes Types { get; internal set; }

    /// <summary>More than one type is allowed: a value must match one of them, and other failures hide behind that.</summary>
    public bool HasSeveralTypes { get; internal set; }

    /// <summary>A null value passes this schema's type and enumeration checks, and skips it as a property.</summary>
    public bool Nullable { get; internal set; }

    /// <summary>The declared properties, in declaration order.</summary>
    public SchemaProperty[] Properties { get; internal set; } = [];

    public FrozenDictionary<string, SchemaProperty> PropertiesByName { get; internal set; } = FrozenDictionary<string, SchemaProperty>.Empty;

    /// <summary>Every name of <c>required</c>, in order.</summary>
    public string[] Required { get; internal set; } = [];

    /// <summary>The names of <c>required</c> that are not declared properties, in order.</summary>
    public string[] RequiredOnly { get; internal set; } = [];

    public bool AdditionalPropertiesAllowed { get; internal set; } = true;

    public CompiledSchema? AdditionalPropertiesSchema { get; internal set; }

    public PatternProperty[] PatternProperties { get; internal set; } = [];

    /// <summary>The property names an unknown property is compared with in a message ("Did you mean …").</summary>
    public string[] AllowedNames { get; internal set; } = [];

    public CompiledSchema? Items { get; internal set; }

    /// <summary>0 when absent.</summary>
    public int MinItems { get; internal set; }

    /// <summary>0 when absent.</summary>
    public int MaxItems { get; internal set; }

    public bool UniqueItems { get; internal set; }

    /// <summary>The allowed values (all strings in our schemas), or empty.</summary>
    public string[] Enum { get; internal set; } = [];

    public Regex? Pattern { get; internal set; }

    public int? MinLength { get; internal set; }

    public int? MaxLength { get; internal set; }

    public decimal? Minimum { get; internal set; }

    public decimal? ExclusiveMinimum { get; internal set; }

    public StringFormat Format { get; internal set; }

    public AllOfMember[] AllOf { get; internal set; } = [];

    /// <summary>Two or more alternatives (a lone one is an <see cref="AllOf"/> member).</summary>
    public CompiledSchema[] AnyOf { get; internal set; } = [];

    /// <summary>Two or more alternatives (a lone one is an <see cref="AllOf"/> member).</summary>
    public CompiledSchema[] OneOf { get; internal set; } = [];

    public CompiledSchema? Not { get; internal set; }
}
