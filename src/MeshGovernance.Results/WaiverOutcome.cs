namespace MeshGovernance.Results;

/// <summary>What the engine made of one waiver: the one reading the site and every report share.</summary>
public enum WaiverStatus
{
    /// <summary>In force and covering findings.</summary>
    Applies,

    /// <summary>In force, but no finding needs it (while its policy is enabled, a notice asks to remove it).</summary>
    Unused,

    /// <summary>Past its date: its findings count again.</summary>
    Expired,

    /// <summary>It cannot apply: an unknown policy, a hard-mandatory policy, an unreadable date (an error says which).</summary>
    DoesNotApply,
}

/// <summary>A waiver with its status in a check and how many findings it waived.</summary>
public sealed record WaiverOutcome(Waiver Waiver, WaiverStatus Status, int WaivedFindings)
{
    /// <summary>Days from <paramref name="today"/> to the expiry (negative once expired), or null when the date cannot be read.</summary>
    public int? DaysToExpiry(DateOnly today) => Waiver.Expires is { } date ? date.DayNumber - today.DayNumber : null;
}
