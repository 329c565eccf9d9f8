namespace GkeEventNotifier.Stages.Filtering.Query;

/// <summary>The parsed query: a Boolean tree whose leaves test fields of one LogEntry.</summary>
internal abstract record QueryNode(SourcePosition Position)
{
    /// <summary>An empty query (only comments): Cloud Logging matches every entry.</summary>
    public sealed record All(SourcePosition Position) : QueryNode(Position);

    /// <summary>AND, written or implicit between terms.</summary>
    public sealed record And(IReadOnlyList<QueryNode> Terms, SourcePosition Position) : QueryNode(Position);

    public sealed record Or(IReadOnlyList<QueryNode> Terms, SourcePosition Position) : QueryNode(Position);

    /// <summary>NOT or a leading minus.</summary>
    public sealed record Not(QueryNode Term, SourcePosition Position) : QueryNode(Position);

    /// <summary><c>field OP value</c>, where the value may be a parenthesised Boolean combination of values.</summary>
    public sealed record Comparison(FieldPath Field, ComparisonOperator Operator, ValueNode Value, SourcePosition Position) : QueryNode(Position);

    /// <summary><c>field:*</c> — the field is present in the entry.</summary>
    public sealed record Presence(FieldPath Field, SourcePosition Position) : QueryNode(Position);

    /// <summary>A bare value: some field of the entry has (<c>:</c>) it.</summary>
    public sealed record Global(QueryLiteral Value, SourcePosition Position) : QueryNode(Position);

    /// <summary><c>log_id("events")</c>: the part of logName after <c>/logs/</c>, URL-decoded, equals the argument.</summary>
    public sealed record LogId(string Id, SourcePosition Position) : QueryNode(Position);
}
