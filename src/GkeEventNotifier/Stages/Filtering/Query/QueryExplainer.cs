using System.Text.Json;

namespace GkeEventNotifier.Stages.Filtering.Query;

/// <summary>
/// Evaluates a query term by term for a person: the same rules as <see cref="QueryEvaluator"/> (its comparisons are reused),
/// plus what each field held. Allocates freely; used by <c>gke-events filter test --explain</c>, never on the hot path.
/// </summary>
internal static class QueryExplainer
{
    private const int ShownValues = 3;
    private const int ShownLength = 100;

    public static QueryExplanation Explain(QueryNode query, JsonElement entry)
    {
        var steps = new List<ExplanationStep>();
        var matched = Explain(query, entry, 0, steps);
        return new QueryExplanation(matched, steps);
    }

    private static bool Explain(QueryNode node, JsonElement entry, int depth, List<ExplanationStep> steps)
    {
        var at = steps.Count;
        steps.Add(null!);
        var (result, detail) = node switch
        {
            QueryNode.And and => Combine(and.Terms.Select(t => Explain(t, entry, depth + 1, steps)).ToList(), all: true),
            QueryNode.Or or => Combine(or.Terms.Select(t => Explain(t, entry, depth + 1, steps)).ToList(), all: false),
            QueryNode.Not not => Negate(Explain(not.Term, entry, depth + 1, steps)),
            QueryNode.Comparison comparison => ExplainComparison(comparison, entry),
            QueryNode.Presence presence => QueryEvaluator.IsPresent(presence.Field, entry)
                ? (true, $"{presence.Field} is present")
                : (false, $"{presence.Field} is absent"),
            QueryNode.Global global => ExplainGlobal(global, entry),
            QueryNode.LogId logId => (LogIds.Matches(entry, logId.Id), $"logName is {Shown(entry, "logName")}"),
            _ => (true, "an empty query matches every entry"),
        };
        steps[at] = new ExplanationStep(depth, Label(node), result, detail);
        return result;
    }

    private static string Label(QueryNode node) => node switch
    {
        QueryNode.And => "AND",
        QueryNode.Or => "OR",
        QueryNode.Not => "NOT",
        _ => QueryPrinter.Print(node),
    };

    private static (bool, string) Combine(List<bool> results, bool all)
    {
        var matched = results.Count(r => r);
        var result = all ? matched == results.Count : matched > 0;
        return (result, $"{matched} of {results.Count} terms match");
    }

    private static (bool, string) Negate(bool inner) => (!inner, inner ? "the term below matches" : "the term below does not match");

    private static (bool, string) ExplainComparison(QueryNode.Comparison comparison, JsonElement entry)
    {
        var result = QueryEvaluator.Compare(comparison, entry, out var found, out var timedOut);
        var detail = found
            ? $"{comparison.Field} is {string.Join(", ", Values(comparison.Field, entry))}"
            : comparison.Field.IsDefaulted
                ? $"{comparison.Field} is absent and compares as its default value"
                : $"{comparison.Field} is missing, so the comparison fails";
        return (result, timedOut ? detail + "; the regular expression ran out of time, counted as no match" : detail);
    }

    private static (bool, string) ExplainGlobal(QueryNode.Global global, JsonElement entry)
    {
        var path = FindText(entry, global.Value.Text, string.Empty);
        return path is null ? (false, "no field contains it") : (true, $"found in {(path.Length == 0 ? "the entry" : path)}");
    }

    private static string? FindText(JsonElement node, string value, string path)
    {
        return node.ValueKind switch
        {
            JsonValueKind.Object => node.EnumerateObject().Select(p => FindText(p.Value, value, Join(path, p.Name))).FirstOrDefault(p => p is not null),
            JsonValueKind.Array => node.EnumerateArray().Select((e, i) => FindText(e, value, Join(path, i.ToString(System.Globalization.CultureInfo.InvariantCulture)))).FirstOrDefault(p => p is not null),
            _ => JsonTraversal.ContainsAnywhere(node, value) ? path : null,
        };

        static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
    }

    private static List<string> Values(FieldPath field, JsonElement entry)
    {
        var collector = new Collector([]);
        JsonTraversal.AnyLeaf(entry, field, 0, ref collector);
        var shown = collector.Leaves.Take(ShownValues).Select(Truncate).ToList();
        if (collector.Leaves.Count > ShownValues)
        {
            shown.Add($"… ({collector.Leaves.Count} values)");
        }

        return shown;
    }

    private static string Shown(JsonElement entry, string property) =>
        entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty(property, out var value) ? Truncate(value) : "absent";

    private static string Truncate(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length <= ShownLength ? text : string.Concat(text.AsSpan(0, ShownLength), "…");
    }

    private readonly struct Collector(List<JsonElement> leaves) : ILeafVisitor
    {
        public List<JsonElement> Leaves { get; } = leaves;

        public bool Visit(JsonElement leaf)
        {
            Leaves.Add(leaf);
            return false;
        }
    }
}
