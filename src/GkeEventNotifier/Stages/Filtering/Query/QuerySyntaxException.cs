namespace GkeEventNotifier.Stages.Filtering.Query;

/// <summary>
/// The only exception the query parser throws: what is wrong, and where. Anything the language allows but this
/// implementation does not support is reported the same way, so a filter never half-works.
/// </summary>
public sealed class QuerySyntaxException : Exception
{
    public QuerySyntaxException(SourcePosition position, string problem)
        : base($"{position}: {problem}")
    {
        Position = position;
        Problem = problem;
    }

    public QuerySyntaxException()
    {
        Problem = string.Empty;
    }

    public QuerySyntaxException(string message)
        : base(message)
    {
        Problem = message;
    }

    public QuerySyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problem = message;
    }

    public SourcePosition Position { get; }

    /// <summary>The problem without the position, e.g. <c>unknown LogEntry field 'thud'</c>.</summary>
    public string Problem { get; }
}
