namespace GkeEventNotifier.Stages.Filtering.Query;

/// <summary>A 1-based line and column in the query text, for error messages and explanations.</summary>
public readonly record struct SourcePosition(int Line, int Column)
{
    public override string ToString() => $"line {Line}, column {Column}";
}
