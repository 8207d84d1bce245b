namespace MeshGovernance.Model.Schemas;

/// <summary>
/// What a schema found wrong. The names are NJsonSchema's (ValidationErrorKind), which a finding we have no
/// words for still prints.
/// </summary>
internal enum SchemaErrorKind
{
    PropertyRequired,
    NoAdditionalPropertiesAllowed,
    NotInEnumeration,
    PatternMismatch,
    StringTooShort,
    StringTooLong,
    NumberTooSmall,
    TooFewItems,
    TooManyItems,
    ItemsNotUnique,
    StringExpected,
    NumberExpected,
    IntegerExpected,
    BooleanExpected,
    ObjectExpected,
    ArrayExpected,
    NullExpected,
    NoTypeValidates,
    UriExpected,
    DateExpected,
    DateTimeExpected,
    ExcludedSchemaValidates,
    NotAnyOf,
    NotAllOf,
    NotOneOf,
    ArrayItemNotValid,
    AdditionalPropertiesNotValid,
}
