namespace MeshGovernance.Model.Diagnostics;

/// <summary>
/// Where something sits in the repository: a repo-relative, '/'-separated path and a 1-based
/// line/column range (the end is exclusive, as YamlDotNet's marks are).
/// </summary>
public readonly record struct SourceSpan(string File, int Line, int Column, int EndLine, int EndColumn)
{
    public static SourceSpan StartOf(string file) => new(file, 1, 1, 1, 1);

    public static SourceSpan At(string file, int line, int column) => new(file, line, column, line, column);

    public override string ToString() => $"{File}({Line},{Column})";
}
