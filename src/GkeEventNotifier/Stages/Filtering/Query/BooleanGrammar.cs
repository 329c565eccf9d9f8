namespace GkeEventNotifier.Stages.Filtering.Query;

/// <summary>
/// How to build one kind of Boolean tree: the query itself, or a parenthesised list of values such as
/// <c>("Evicted" OR "Failed")</c>. Both follow the same precedence, so the parser handles them with one set of rules.
/// </summary>
internal sealed record BooleanGrammar<T>(
    Func<T> Primary,
    Func<IReadOnlyList<T>, SourcePosition, T> And,
    Func<IReadOnlyList<T>, SourcePosition, T> Or,
    Func<T, SourcePosition, T> Not);
