namespace GkeEventNotifier.Stages.Filtering.Query;

/// <summary>
/// The right-hand side of a comparison: one value, or a parenthesised Boolean combination such as
/// <c>("Evicted" OR "Failed")</c>; the field and operator apply to each value.
/// </summary>
internal abstract record ValueNode(SourcePosition Position)
{
    public sealed record Leaf(QueryLiteral Literal) : ValueNode(Literal.Position);

    public sealed record And(IReadOnlyList<ValueNode> Terms, SourcePosition Position) : ValueNode(Position);

    public sealed record Or(IReadOnlyList<ValueNode> Terms, SourcePosition Position) : ValueNode(Position);

    public sealed record Not(ValueNode Term, SourcePosition Position) : ValueNode(Position);
}
