using GkeEventNotifier.Stages.Decoding;

namespace GkeEventNotifier.Stages.Filtering.Query;

/// <summary>
/// The query decided on the values one reader pass found (<see cref="ParsedLogEntry.TryScan"/>) instead of the entry's
/// document, in three values. A term the pass cannot answer exactly as <see cref="QueryEvaluator"/> would is Unknown:
/// typed LogEntry fields, regular expressions, global text search, numbers, objects and arrays as values, keys matched in
/// any case, an absent field that compares as its default. AND, OR and NOT combine the answers in Kleene's logic, so a
/// False or True is the evaluator's answer whatever the Unknown terms would have been.
/// </summary>
internal sealed partial class QueryPrefilter
{
    private static readonly string[] LogNamePath = ["logName"];

    private readonly Term root;

    private QueryPrefilter(QueryNode node)
    {
        Paths = EntryPaths.With(PathsOf(node).Prepend(LogNamePath));
        root = Compile(node);
    }

    /// <summary>What the pass reads: the pipeline's paths and every field the query can decide on.</summary>
    public EntryPaths Paths { get; }

    public static QueryPrefilter For(QueryNode query) => new(query);

    /// <summary>False only when the evaluator surely answers false for the entry, which <see cref="ParsedLogEntry.TryScan"/> read with <see cref="Paths"/>.</summary>
    public Truth Evaluate(ParsedLogEntry entry) => root.Evaluate(entry);

    private static bool Decidable(FieldPath field) => !field.CaseInsensitiveKeys;

    private static IEnumerable<IReadOnlyList<string>> PathsOf(QueryNode node) => node switch
    {
        QueryNode.And and => and.Terms.SelectMany(PathsOf),
        QueryNode.Or or => or.Terms.SelectMany(PathsOf),
        QueryNode.Not not => PathsOf(not.Term),
        QueryNode.Comparison { Field: var field } when Decidable(field) => [field.Segments],
        QueryNode.Presence { Field: var field } when Decidable(field) => [field.Segments],
        _ => [],
    };

    private Term Compile(QueryNode node) => node switch
    {
        QueryNode.All => Term.Known(Truth.True),
        QueryNode.And and => new Term.Junction([.. and.Terms.Select(Compile)], Truth.False),
        QueryNode.Or or => (Term?)Indexed(or) ?? new Term.Junction([.. or.Terms.Select(Compile)], Truth.True),
        QueryNode.Not not => new Term.Negation(Compile(not.Term)),
        QueryNode.Comparison comparison when Decidable(comparison.Field) && comparison.Field.Type is FieldType.String or FieldType.Dynamic
            => new Term.Compared(Paths.IndexOf(comparison.Field.Segments), comparison),
        QueryNode.Presence presence when Decidable(presence.Field) => new Term.Present(Paths.IndexOf(presence.Field.Segments)),
        QueryNode.LogId logId => new Term.LogId(Paths.IndexOf(LogNamePath), logId.Id),
        _ => Term.Known(Truth.Unknown),
    };
}
