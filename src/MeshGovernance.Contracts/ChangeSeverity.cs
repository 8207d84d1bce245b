namespace MeshGovernance.Contracts;

/// <summary>How a contract change affects its consumers, from harmless to breaking.</summary>
public enum ChangeSeverity
{
    /// <summary>An addition or a change of wording: consumers need do nothing.</summary>
    Info,

    /// <summary>A weaker promise consumers should review (a quality rule removed, a primary key changed).</summary>
    Warning,

    /// <summary>A change that breaks consumers reading the contract as it was.</summary>
    Breaking,
}
