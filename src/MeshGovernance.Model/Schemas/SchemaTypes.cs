namespace MeshGovernance.Model.Schemas;

/// <summary>
/// The JSON types a schema's <c>type</c> allows. The order of the flags is the order in which a message lists
/// them ("one of: boolean, integer, null, number, string"), as NJsonSchema's enumeration did.
/// </summary>
[Flags]
internal enum SchemaTypes
{
    None = 0,
    Array = 1,
    Boolean = 2,
    Integer = 4,
    Null = 8,
    Number = 16,
    Object = 32,
    String = 64,
}
