using Newtonsoft.Json.Linq;
using NJsonSchema.Validation;
using NJsonSchema.Validation.FormatValidators;

namespace MeshGovernance.Model.Schemas;

/// <summary>
/// Hands one of <see cref="StandardFormats"/> to NJsonSchema, in place of its own format validators, which
/// follow .NET's parsers (a URI with braces, a date-time without an offset) rather than the standards'.
/// </summary>
internal sealed class StandardFormatValidator(string format, ValidationErrorKind kind, Func<string, bool> isValid) : IFormatValidator
{
    public static readonly JsonSchemaValidatorSettings Settings = CreateSettings();

    public string Format { get; } = format;

    public ValidationErrorKind ValidationErrorKind { get; } = kind;

    public bool IsValid(string value, JTokenType tokenType) => tokenType != JTokenType.String || isValid(value);

    private static JsonSchemaValidatorSettings CreateSettings()
    {
        return new JsonSchemaValidatorSettings
        {
            FormatValidators =
            [
                new StandardFormatValidator("date", ValidationErrorKind.DateExpected, StandardFormats.IsDate),
                new StandardFormatValidator("date-time", ValidationErrorKind.DateTimeExpected, StandardFormats.IsDateTime),
                new StandardFormatValidator("uri", ValidationErrorKind.UriExpected, StandardFormats.IsUri),
            ],
        };
    }
}
