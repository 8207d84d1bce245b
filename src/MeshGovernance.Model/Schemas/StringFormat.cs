namespace MeshGovernance.Model.Schemas;

/// <summary>The <c>format</c> values our schemas use, each checked by <see cref="StandardFormats"/>.</summary>
internal enum StringFormat
{
    None,
    Date,
    DateTime,
    Uri,
}
