using System.Text.Json;

namespace GkeEventNotifier.Stages.Filtering.Query;

/// <summary>
/// Evaluates a parsed query against one LogEntry (its JSON form). Short-circuits, allocates nothing on the common
/// path, and never throws: a missing field, an unconvertible value or a regular expression that runs out of time is
/// simply a comparison that does not match.
/// </summary>
internal static class QueryEvaluator
{
    /// <summary><paramref name="timedOut"/> is set when a regular expression ran out of time (and so counted as not matching).</summary>
    public static bool Matches(QueryNode node, JsonElement entry, ref bool timedOut)
    {
        var evaluation = new Evaluation();
        var matched = Matches(node, entry, ref evaluation);
        timedOut |= evaluation.TimedOut;
        return matched;
    }

    private static bool Matches(QueryNode node, JsonElement entry, ref Evaluation evaluation) => node switch
    {
        QueryNode.All => true,
        QueryNode.And and => All(and.Terms, entry, ref evaluation),
        QueryNode.Or or => Any(or.Terms, entry, ref evaluation),
        QueryNode.Not not => !Matches(not.Term, entry, ref evaluation),
        QueryNode.Comparison comparison => CompareNoting(comparison, entry, ref evaluation),
        QueryNode.Presence presence => IsPresent(presence.Field, entry),
        QueryNode.Global global => JsonTraversal.ContainsAnywhere(entry, global.Value.Text),
        QueryNode.LogId logId => LogIds.Matches(entry, logId.Id),
        _ => false,
    };

    /// <summary>
    /// One comparison. <paramref name="found"/> says whether the field had a value; <paramref name="timedOut"/> whether a
    /// regular expression gave up (the comparison then counts as not matching).
    /// </summary>
    public static bool Compare(QueryNode.Comparison comparison, JsonElement entry, out bool found, out bool timedOut)
    {
        var lookups = default(FieldLookups);
        return Compare(comparison, entry, ref lookups, out found, out timedOut);
    }

    private static bool Compare(QueryNode.Comparison comparison, JsonElement entry, ref FieldLookups lookups, out bool found, out bool timedOut)
    {
        var visitor = new ComparisonVisitor(comparison);
        var matched = entry.ValueKind == JsonValueKind.Object && VisitLeaves(entry, comparison.Field, ref lookups, ref visitor);
        found = visitor.Found;
        timedOut = visitor.TimedOut;
        if (matched || found || !comparison.Field.IsDefaulted)
        {
            return matched;
        }

        return ValueMatcher.MatchTree(comparison.Value, DefaultValues.For(comparison.Field.Type), comparison.Operator, comparison.Field.Type, ref timedOut);
    }

    private static bool CompareNoting(QueryNode.Comparison comparison, JsonElement entry, ref Evaluation evaluation)
    {
        var matched = Compare(comparison, entry, ref evaluation.Lookups, out _, out var gaveUp);
        evaluation.TimedOut |= gaveUp;
        return matched;
    }

    /// <summary>The values the field reaches, as <see cref="JsonTraversal.AnyLeaf{TVisitor}"/> visits them, looked up once per evaluation.</summary>
    private static bool VisitLeaves<TVisitor>(JsonElement entry, FieldPath field, ref FieldLookups lookups, ref TVisitor visitor)
        where TVisitor : struct, ILeafVisitor
    {
        if (!lookups.TryResolve(entry, field, out var node))
        {
            return JsonTraversal.AnyLeaf(entry, field, 0, ref visitor);
        }

        return node.ValueKind != JsonValueKind.Undefined && JsonTraversal.AnyLeaf(node, field, field.Segments.Count, ref visitor);
    }

    public static bool IsPresent(FieldPath field, JsonElement entry)
    {
        var visitor = new PresenceVisitor();
        return entry.ValueKind == JsonValueKind.Object && JsonTraversal.AnyLeaf(entry, field, 0, ref visitor);
    }

    // Indexed loops: foreach over IReadOnlyList would allocate an enumerator per node per entry.
    private static bool All(IReadOnlyList<QueryNode> terms, JsonElement entry, ref Evaluation evaluation)
    {
        for (var i = 0; i < terms.Count; i++)
        {
            if (!Matches(terms[i], entry, ref evaluation))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Any(IReadOnlyList<QueryNode> terms, JsonElement entry, ref Evaluation evaluation)
    {
        for (var i = 0; i < terms.Count; i++)
        {
            if (Matches(terms[i], entry, ref evaluation))
            {
                return true;
            }
        }

        return false;
    }

    private struct Evaluation
    {
        public bool TimedOut;
        public FieldLookups Lookups;
    }

    private struct ComparisonVisitor(QueryNode.Comparison comparison) : ILeafVisitor
    {
        public bool Found;
        public bool TimedOut;

        public bool Visit(JsonElement leaf)
        {
            Found = true;
            return ValueMatcher.MatchTree(comparison.Value, leaf, comparison.Operator, comparison.Field.Type, ref TimedOut);
        }
    }

    private struct PresenceVisitor : ILeafVisitor
    {
        // A null value is still a value the entry carries explicitly.
        public readonly bool Visit(JsonElement leaf) => true;
    }
}
