using MeshGovernance.Model.Schemas;
using Newtonsoft.Json.Linq;
using NJsonSchema.Validation;
using NJsonSchema.Validation.FormatValidators;

namespace MeshGovernance.Bench.SchemaValidation;

/// <summary>NJsonSchema's settings with meshgov's date, date-time and uri checks, as the former path had them.</summary>
internal sealed class StandardFormatSettings(string format, ValidationErrorKind kind, Func<string, bool> isValid) : IFormatValidator
{
    public static JsonSchemaValidatorSettings Instance { get; } = new()
    {
        FormatValidators =
        [
            new StandardFormatSettings("date", ValidationErrorKind.DateExpected, StandardFormats.IsDate),
            new StandardFormatSettings("date-time", ValidationErrorKind.DateTimeExpected, StandardFormats.IsDateTime),
            new StandardFormatSettings("uri", ValidationErrorKind.UriExpected, StandardFormats.IsUri),
        ],
    };

    public string Format { get; } = format;

    public ValidationErrorKind ValidationErrorKind { get; } = kind;

    public bool IsValid(string value, JTokenType tokenType) => tokenType != JTokenType.String || isValid(value);
}
