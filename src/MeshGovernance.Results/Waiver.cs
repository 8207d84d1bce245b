using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Results;

/// <summary>One entry of governance/waivers.yaml: a policy's findings on some subjects, excused until a date.</summary>
public sealed record Waiver(
    string PolicyId,
    IReadOnlyList<SourceScalar> Subjects,
    string Justification,
    string ApprovedBy,
    DateOnly? Expires,
    string ExpiresText,
    string? Ticket,
    SourceMapping Source)
{
    public SourceSpan Span => Source.Span;

    public AppliedWaiver ToApplied() => new(Justification, ApprovedBy, ExpiresText, Span);

    /// <summary>Reads the waivers the schema accepted; entries with the wrong shape were already reported.</summary>
    public static IReadOnlyList<Waiver> ReadAll(SourceMapping root) =>
        root["waivers"] is SourceSequence list
            ? list.Items.OfType<SourceMapping>().Select(Read).Where(w => w is not null).Select(w => w!).ToList()
            : [];

    private static Waiver? Read(SourceMapping entry)
    {
        var policy = entry.GetString("policy");
        var subjects = entry["subjects"] is SourceSequence s ? s.Items.OfType<SourceScalar>().Where(i => !i.IsNull).ToList() : [];
        var expires = entry.GetString("expires");
        if (policy is null || subjects.Count == 0 || expires is null)
        {
            return null;
        }

        DateOnly? date = DateOnly.TryParseExact(expires, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var parsed) ? parsed : null;
        return new Waiver(policy, subjects, entry.GetString("justification") ?? string.Empty, entry.GetString("approvedBy") ?? string.Empty, date, expires, entry.GetString("ticket"), entry);
    }
}
